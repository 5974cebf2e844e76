"""What every component reads: the original text, its same-length normalized copy, the sentences and
the publication date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefx.text import Sentence, SentenceIndex, normalize, read_header, sentences


@dataclass(frozen=True)
class Document:
    original: str
    norm: str  # same length as original: offsets are shared
    sentences: tuple[Sentence, ...]
    sentence_of: SentenceIndex
    published: dt.date | None = None

    @classmethod
    def of(cls, text: str, published: dt.date | None = None) -> Document:
        """Normalize and segment a text; a leading "date YYYY-MM-DD" header sets `published` when it is
        not given, and is blanked out of the normalized copy (it is metadata, never a source of facts)."""
        header_date, header_end = read_header(text)
        norm = normalize(text)
        if header_end:
            norm = " " * header_end + norm[header_end:]
        spans = sentences(text)
        return cls(text, norm, spans, SentenceIndex(spans), published if published is not None else header_date)

    def span(self, start: int, stop: int) -> dict[str, Any]:
        """The common fields of a fact covering original[start:stop]."""
        return {"text": self.original[start:stop], "start": start, "stop": stop, "sentence": self.sentence_of(start)}

    def sentence_start(self, offset: int) -> int:
        """Start of the sentence holding `offset`: context windows never reach into the previous one."""
        return self.sentences[self.sentence_of(offset)].start if self.sentences else 0

    def sentence_stop(self, offset: int) -> int:
        """End of the sentence holding `offset` (of the text, when there are no sentences)."""
        return self.sentences[self.sentence_of(offset)].stop if self.sentences else len(self.norm)
