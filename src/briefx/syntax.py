"""Dependency parses of chosen sentences by natasha's news syntax model (slovnet), with offsets.

    syntax = DocumentSyntax(doc)          # nothing is loaded or parsed yet
    parsed = syntax.sentences([3, 7])     # the model loads (once per process), both parse in one batch
    parsed[3].tokens[0]                   # Token(start, stop, text, head, rel) into doc.original

The model is the one natasha ships (slovnet_syntax_news_v1 over the navec news embedding, in natasha's
package data): UD relations (nsubj, obj, iobj, xcomp, obl, nmod, amod, nummod …) and heads, trained
on news. It costs far more than briefx's rules, so it is loaded on the first request, never at import,
and only the sentences asked for are parsed, each once per document. Importing this module imports
neither natasha nor slovnet.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from briefx.component import Component
from briefx.document import Document
from briefx.text import Sentence, tokens

log = logging.getLogger("briefx")

EMBEDDING = ("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")  # inside natasha's package
MODEL = ("data", "model", "slovnet_syntax_news_v1.tar")
BATCH_SIZE = 8  # sentences per model call, sorted by length so that little is padding (8 measured fastest)
# The model scores every token against every other: a "sentence" of thousands of tokens (a table
# scraped without punctuation) would cost time and memory quadratic in its length. Longer ones are
# parsed in pieces of at most this many tokens, cut after a punctuation mark where one is near.
MAX_TOKENS = 120
CUT_AFTER = frozenset('.;:!?,)»"')
ROOT = -1


class ParserUnavailable(ImportError):
    """natasha's syntax model cannot be loaded (natasha, slovnet or navec missing); the message says why."""


@dataclass(frozen=True, slots=True)
class Token:
    """One razdel token with its parse: offsets into doc.original, the index of its head in the
    sentence (ROOT for the root) and the UD relation to it."""

    start: int
    stop: int
    text: str
    head: int
    rel: str


@dataclass(frozen=True)
class ParsedSentence:
    index: int  # into doc.sentences
    tokens: tuple[Token, ...]

    @cached_property
    def children(self) -> tuple[tuple[int, ...], ...]:
        """Token index -> its dependents' indices, in text order."""
        out: list[list[int]] = [[] for _ in self.tokens]
        for i, token in enumerate(self.tokens):
            if token.head != ROOT and token.head != i:
                out[token.head].append(i)
        return tuple(tuple(c) for c in out)

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def covering(self, start: int, stop: int) -> range:
        """Indices of the tokens that overlap [start, stop)."""
        first = bisect_right(self._starts, start) - 1
        if first < 0 or self.tokens[first].stop <= start:
            first += 1
        return range(first, bisect_left(self._starts, stop))

    def token_at(self, offset: int) -> int | None:
        """The index of the token holding `offset`, or None between tokens."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 and self.tokens[i].stop > offset else None


class SyntaxParser:
    """natasha's news syntax model, loaded on first use: `parse([["Глава", "поручил", …], …])` gives
    (head, rel) per word, head an index into the same list or ROOT."""

    def __init__(self, batch_size: int = BATCH_SIZE, max_tokens: int = MAX_TOKENS) -> None:
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def model(self) -> Any:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model(self.batch_size)
        return self._model

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[int, str]]]:
        """(head, rel) for every word of every sentence; an empty sentence gives an empty list."""
        pieces: list[tuple[int, int, Sequence[str]]] = []  # (sentence, first word, words)
        for n, words in enumerate(sentences):
            for begin, end in _pieces(words, self.max_tokens):
                pieces.append((n, begin, words[begin:end]))
        out: list[list[tuple[int, str]]] = [[] for _ in sentences]
        if not pieces:
            return out
        # Sorted by length, a batch pads its sentences to nearly their own length; the order is restored below.
        order = sorted(range(len(pieces)), key=lambda i: len(pieces[i][2]))
        markups = self.model().map([list(pieces[i][2]) for i in order])
        parsed: dict[int, list[tuple[int, str]]] = {}
        for i, markup in zip(order, markups, strict=True):
            begin = pieces[i][1]
            parsed[i] = [(_head(t.head_id, begin), t.rel) for t in markup.tokens]
        for i, (n, _, _) in enumerate(pieces):
            out[n].extend(parsed[i])
        return out


def _head(head_id: str, begin: int) -> int:
    """slovnet's 1-based head id ("0" for the root) as an index into the whole sentence."""
    head = int(head_id)
    return ROOT if head == 0 else begin + head - 1


def _pieces(words: Sequence[str], limit: int) -> list[tuple[int, int]]:
    """[begin, end) word ranges of at most `limit` words, cut after punctuation in the last third."""
    out, begin = [], 0
    while len(words) - begin > limit:
        end = begin + limit
        cut = next((i + 1 for i in range(end - 1, begin + limit * 2 // 3, -1) if words[i] in CUT_AFTER), end)
        out.append((begin, cut))
        begin = cut
    if begin < len(words):
        out.append((begin, len(words)))
    return out


def model_paths() -> tuple[Path, Path]:
    """The embedding and syntax model files in natasha's package, found without importing natasha
    (its __init__ loads its whole toolkit, pymorphy2 included)."""
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise ParserUnavailable("the syntax route needs natasha's models: pip install 'briefx[syntax]'")
    package = Path(next(iter(spec.submodule_search_locations)))
    embedding, model = package.joinpath(*EMBEDDING), package.joinpath(*MODEL)
    for path in (embedding, model):
        if not path.is_file():
            raise ParserUnavailable(f"natasha's model file is missing: {path}")
    return embedding, model


def check_available() -> None:
    """Raise ParserUnavailable, saying what to install, unless the parser can load; imports nothing."""
    model_paths()
    for module in ("slovnet", "navec", "numpy"):
        if importlib.util.find_spec(module) is None:
            raise ParserUnavailable(f"the syntax route needs {module} (installed with natasha): pip install 'briefx[syntax]'")


def load_model(batch_size: int = BATCH_SIZE) -> Any:
    """slovnet's Syntax with the navec embedding injected."""
    try:
        from slovnet import Syntax
    except ImportError as error:
        raise ParserUnavailable(f"the syntax route needs slovnet (installed with natasha): {error}") from None
    embedding, model = model_paths()
    syntax = Syntax.load(str(model), batch_size=batch_size)
    return syntax.navec(_EmbeddingCodes.load(embedding))


@dataclass(frozen=True)
class _EmbeddingCodes:
    """What slovnet's parser reads of a navec embedding: its id and its quantized vectors.

    `navec.Navec.load` also builds a dictionary of its 250,000 words and tables for similarity, which
    the parser never uses (slovnet keeps its own word list): 1 s of a 2.4 s start-up. This reads the
    same files of the same archive (navec's own Tar and Meta; pq.bin laid out as navec.pq.PQ writes it)
    and nothing else.
    """

    meta: Any  # navec.meta.Meta: .id
    pq: Any  # .indexes (words x subvectors, uint8), .codes (subvectors x centroids x chunk, float32)

    @classmethod
    def load(cls, path: Path) -> _EmbeddingCodes:
        import numpy as np
        from navec.meta import Meta
        from navec.tar import Tar

        with Tar(str(path)) as tar:
            meta = Meta.from_file(tar.load("meta.json"))
            Meta.check_protocol(meta.protocol)
            data = tar.load("pq.bin").read()
        vectors, _dim, qdim, centroids = (int(n) for n in np.frombuffer(data[:16], np.uint32))
        indexes_end = 16 + vectors * qdim
        indexes = np.frombuffer(data[16:indexes_end], np.uint8).reshape(vectors, qdim)
        codes = np.frombuffer(data[indexes_end:], np.float32).reshape(qdim, centroids, -1)
        return cls(meta, _Codes(indexes, codes))


@dataclass(frozen=True)
class _Codes:
    indexes: Any
    codes: Any


_PARSER: SyntaxParser | None = None


def shared_parser() -> SyntaxParser:
    """The process's parser (its model loads on the first parse, not here)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = SyntaxParser()
    return _PARSER


class DocumentSyntax:
    """The parses of one document, made on request and kept: a sentence is parsed once, however many
    components ask for it, and the sentences asked for together are parsed in one batch."""

    def __init__(self, doc: Document, parser: SyntaxParser | None = None) -> None:
        self.doc = doc
        self.parser = parser or shared_parser()
        self._parsed: dict[int, ParsedSentence] = {}

    @property
    def parsed_count(self) -> int:
        return len(self._parsed)

    def sentences(self, indices: Iterable[int]) -> dict[int, ParsedSentence]:
        """The parses of these sentences (indices into doc.sentences), parsing those not parsed yet."""
        wanted = sorted(set(indices))
        for i in wanted:
            if not 0 <= i < len(self.doc.sentences):
                raise IndexError(f"sentence {i} of a document of {len(self.doc.sentences)}")
        missing = [i for i in wanted if i not in self._parsed]
        if missing:
            tokenized = [_tokens(self.doc.sentences[i]) for i in missing]
            heads = self.parser.parse([[text for _, _, text in words] for words in tokenized])
            for i, words, parse in zip(missing, tokenized, heads, strict=True):
                self._parsed[i] = ParsedSentence(
                    i,
                    tuple(
                        Token(start, stop, text, head, rel) for (start, stop, text), (head, rel) in zip(words, parse, strict=True)
                    ),
                )
        return {i: self._parsed[i] for i in wanted}

    def sentence(self, index: int) -> ParsedSentence:
        return self.sentences([index])[index]

    def at(self, offsets: Iterable[int]) -> dict[int, ParsedSentence]:
        """The parses of the sentences holding these offsets, by offset, in one batch."""
        offsets = list(offsets)
        if not self.doc.sentences:
            return {}
        index = {offset: self.doc.sentence_of(offset) for offset in offsets}
        parsed = self.sentences(index.values())
        return {offset: parsed[i] for offset, i in index.items()}


def _tokens(sentence: Sentence) -> list[tuple[int, int, str]]:
    return [(sentence.start + start, sentence.start + stop, text) for start, stop, text in tokens(sentence.text)]


class Syntax(Component):
    """Hands later components a `DocumentSyntax`: nothing is parsed until one asks, and a pipeline
    whose components do not want "syntax" never builds this one, so never loads the model."""

    name = "syntax"
    provides = ("syntax",)

    def __init__(self, lexicon: Any) -> None:
        super().__init__(lexicon)
        check_available()  # Pipeline(syntax=True) without natasha fails when built, not on every document

    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        return {"syntax": DocumentSyntax(doc)}
