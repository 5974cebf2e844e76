"""What every component reads: the text, its same-length normalized copy, the sentences and the
publication date.

Components read `original`, the text as given with a space at every boundary found inside a glued
token (briefx.respace); the pipeline maps the facts' offsets back to the text as given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from briefx.respace import Respaced, Respacer
from briefx.text import Sentence, SentenceIndex, normalize, read_header, sentences


@dataclass(frozen=True)
class Document:
    original: str  # the text as given, respaced where words were glued
    norm: str  # same length as original: offsets are shared
    sentences: tuple[Sentence, ...]
    sentence_of: SentenceIndex
    published: dt.date | None = None
    respaced: Respaced | None = None  # where spaces were inserted into the text as given, if anywhere

    @classmethod
    def of(cls, text: str, published: dt.date | None = None, respacer: Respacer | None = None) -> Document:
        """Respace, normalize and segment a text; a leading "date YYYY-MM-DD" header sets `published`
        when it is not given, and is blanked out of the normalized copy (it is metadata, never a source
        of facts)."""
        respaced = respacer(text) if respacer else None
        if respaced is not None and respaced.inserted:
            text = respaced.text
        else:
            respaced = None
        header_date, header_end = read_header(text)
        norm = normalize(text)
        if header_end:
            norm = " " * header_end + norm[header_end:]
        spans = sentences(text)
        published = published if published is not None else header_date
        return cls(text, norm, spans, SentenceIndex(spans), published, respaced)

    def span(self, start: int, stop: int) -> dict[str, Any]:
        """The common fields of a fact covering original[start:stop]."""
        return {"text": self.original[start:stop], "start": start, "stop": stop, "sentence": self.sentence_of(start)}

    def sentence_start(self, offset: int) -> int:
        """Start of the sentence holding `offset`: context windows never reach into the previous one."""
        return self.sentences[self.sentence_of(offset)].start if self.sentences else 0

    def sentence_stop(self, offset: int) -> int:
        """End of the sentence holding `offset` (of the text, when there are no sentences)."""
        return self.sentences[self.sentence_of(offset)].stop if self.sentences else len(self.norm)
