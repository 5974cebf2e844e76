"""What every extractor reads: the original text, its same-length normalized copy, the sentences."""

from __future__ import annotations

from dataclasses import dataclass

from briefx.text import Sentence, SentenceIndex


@dataclass(frozen=True)
class Document:
    original: str
    norm: str  # same length as original: offsets are shared
    sentences: tuple[Sentence, ...]
    sentence_of: SentenceIndex

    def span(self, start: int, stop: int) -> dict:
        """The common fields of a fact covering original[start:stop]."""
        return {"text": self.original[start:stop], "start": start, "stop": stop, "sentence": self.sentence_of(start)}

    def clause_start(self, offset: int) -> int:
        """Start of the sentence holding `offset`: context windows never reach into the previous one."""
        return self.sentences[self.sentence_of(offset)].start if self.sentences else 0
