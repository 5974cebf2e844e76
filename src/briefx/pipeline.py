"""Pipeline: text -> Brief, through the declared list of components below. Build once, call many times.

Each component says what it needs and what it produces (briefx.component); `Pipeline(kinds=…)` runs
only the components those kinds need, and `pipeline.components` lists what runs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from briefx.component import Component
from briefx.document import Document
from briefx.extract.dates import Dates
from briefx.extract.facilities import Facilities
from briefx.extract.instructions import Instructions
from briefx.extract.money import Money
from briefx.extract.numeric import NumberFinder
from briefx.extract.people import People
from briefx.extract.percentages import Percentages
from briefx.extract.places import Places
from briefx.extract.priorities import Priorities
from briefx.extract.quantities import Quantities
from briefx.extract.regions import Regions
from briefx.extract.sources import Sources
from briefx.extract.subjects import Subjects
from briefx.lexicon import DataFiles, Lexicon, bundled
from briefx.model import Brief, ComponentError
from briefx.respace import Respacer
from briefx.syntax import Syntax

log = logging.getLogger("briefx")

# The pipeline, in the order it runs:  component   needs  [uses when computed anyway]  -> produces
COMPONENTS: tuple[type[Component], ...] = (
    Syntax,  # syntax (only with Pipeline(syntax=True))                           -> syntax (parses on demand)
    NumberFinder,  # numbers                                                      -> mentions
    Dates,  # dates                                                               -> dates, periods
    Subjects,  # subjects (unless Pipeline(subjects=False))  mentions [syntax]    -> subjects
    Money,  # money         mentions [subjects, periods]                          -> money
    Quantities,  # quantities    mentions [subjects, periods]                     -> quantities
    Percentages,  # percentages  mentions [subjects, periods]                     -> percentages
    People,  # people                                                             -> people
    Facilities,  # facilities    [periods]                                        -> facilities
    Instructions,  # instructions  people [periods, syntax]                       -> instructions
    Priorities,  # priorities    people                                           -> priorities
    Places,  # places        people, facilities                                   -> places
    Sources,  # source                                                            -> source
    Regions,  # regions       places                                              -> regions
)
ALL_KINDS = (*Brief.FACT_KINDS, "source", "regions")
NUMBERS = ("money", "percentages", "quantities")  # the fastest: Pipeline(kinds=NUMBERS, subjects=False)

# A user's component: a Component class, or any callable that takes the Lexicon and returns one
# (functools.partial(MyComponent, option=…)).
ComponentFactory = Callable[[Lexicon], Component]


class Pipeline:
    """Reusable extractor. `Pipeline()(text)` returns a Brief; it pickles, so process pools work.

    - `kinds`: the fact kinds to extract (keys of `Brief.as_dict()`: "money", "dates", …, "source", and
      the kinds of `extra` components); the rest stay empty and cost nothing. Numbers, facilities and
      instructions get their period or deadline only when "dates" is among the kinds.
    - `subjects`: say what each amount, percentage and quantity is the value of (on by default);
      `Pipeline(kinds=NUMBERS, subjects=False)` is the fastest configuration, the values alone.
    - `data`: a folder of the user's word lists (or a mapping of file name to text), in the formats
      of briefx/data/; a file named like a bundled list extends it (see README, "Your own word lists").
    - `extra`: the user's own components, run after the built-in ones (see briefx.component).
    - `syntax`: also read relations off natasha's syntax parse where the rules find none: the subject
      of an amount, a percentage or a measure, the addressee of an instruction (README, "Relations").
      Slower (the parser loads on first use and parses only the sentences asked for).

    The configuration travels with the pipeline when it is pickled (into worker processes and onto a
    Dask cluster): the word lists as their text, components as importable factories.
    """

    def __init__(
        self,
        *,
        kinds: Iterable[str] | None = None,
        data: str | os.PathLike[str] | Mapping[str, str] | None = None,
        extra: Sequence[ComponentFactory] = (),
        syntax: bool = False,
        subjects: bool = True,
    ) -> None:
        if isinstance(data, str | os.PathLike):
            data = DataFiles.read_folder(data)
        _declared(tuple(extra))  # a bad factory is refused before anything is built
        if not isinstance(syntax, bool):
            raise TypeError(f"syntax must be True or False, got {syntax!r}")
        if not isinstance(subjects, bool):
            raise TypeError(f"subjects must be True or False, got {subjects!r}")
        kinds_ = None if kinds is None else _kinds_list(kinds)
        self._configure(kinds=kinds_, data=dict(data or {}), extra=tuple(extra), syntax=syntax, subjects=subjects)

    def _configure(
        self,
        *,
        kinds: list[str] | None,
        data: dict[str, str],
        extra: tuple[ComponentFactory, ...],
        syntax: bool = False,
        subjects: bool = True,  # a recipe pickled before the switch existed had them always
    ) -> None:
        self._recipe: dict[str, Any] = {"kinds": kinds, "data": data, "extra": extra, "syntax": syntax, "subjects": subjects}
        self.lexicon, self.components, self.kinds, self.respacer = _build(self._recipe)

    # Pickle the recipe, not the compiled state; a process builds each recipe once (see _build).
    def __getstate__(self) -> dict[str, Any]:
        return self._recipe

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._configure(**state)

    @property
    def data(self) -> dict[str, str]:
        """The user's word lists this pipeline was built with, by file name."""
        return dict(self._recipe["data"])

    @property
    def syntax(self) -> bool:
        """Whether relations are also read off the syntax parse."""
        return bool(self._recipe["syntax"])

    @property
    def subjects(self) -> bool:
        """Whether numbers get their subjects (a component of the user's that needs them gets them anyway)."""
        return bool(self._recipe["subjects"])

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the components that run, in order."""
        return tuple(c.name for c in self.components)

    def __call__(self, text: str, *, published: dt.date | None = None, id: str | None = None) -> Brief:
        if not isinstance(text, str):
            hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, bytes | bytearray) else ""
            raise TypeError(f"briefx expects text as str, got {type(text).__name__}{hint}")
        if published is not None and not isinstance(published, dt.date):
            raise TypeError(f"published must be a datetime.date or None, got {type(published).__name__}")
        if id is not None and not isinstance(id, str):
            raise TypeError(f"id must be a str or None, got {type(id).__name__}")
        doc = Document.of(text, published, self.respacer)
        found, errors = self._run(doc, id)
        wanted = self.kinds
        facts = {kind: tuple(found.get(kind, ())) if kind in wanted else () for kind in (*Brief.FACT_KINDS, *self._extra_kinds())}
        source = found.get("source") if "source" in wanted else None
        regions = tuple(found.get("regions", ())) if "regions" in wanted else ()
        sentences = doc.sentences
        if doc.respaced is not None:  # offsets into the text as given, not into the respaced one
            respaced = doc.respaced
            facts = {kind: tuple(respaced.fact_to_original(f, text) for f in group) for kind, group in facts.items()}
            source = respaced.fact_to_original(source, text) if source is not None else None
            regions = tuple(replace(r, evidence=tuple(respaced.fact_to_original(p, text) for p in r.evidence)) for r in regions)
            sentences = respaced.sentences_to_original(sentences, text)
        return Brief(
            text=text,
            published=doc.published,
            id=id,
            sentences=sentences,
            **{kind: facts[kind] for kind in Brief.FACT_KINDS},
            source=source,
            regions=regions,
            extra={kind: facts[kind] for kind in self._extra_kinds() if kind in wanted},
            errors=tuple(errors),
        )

    def _run(self, doc: Document, id: str | None) -> tuple[dict[str, Any], list[ComponentError]]:
        """Every component in order. One that raises costs its own outputs on this document and those
        of the components that need them, recorded in `errors`; the others still run."""
        found: dict[str, Any] = {}
        view = MappingProxyType(found)
        errors: list[ComponentError] = []
        missing: set[str] = set()  # outputs of components that failed or could not run
        for component in self.components:
            lacking = missing.intersection(component.needs)
            if lacking:
                errors.append(ComponentError(component.name, f"not run: needs {', '.join(sorted(lacking))}"))
                missing.update(component.outputs())
                continue
            try:
                outputs = component(doc, view)
                if outputs.keys() != set(component.outputs()):
                    raise ValueError(f"returned {sorted(outputs)}, not {list(component.outputs())}")
            except Exception as error:  # noqa: BLE001 - one component's bug costs its facts on this document, recorded
                log.warning("component %s failed on %s: %r", component.name, id or "a document", error)
                errors.append(ComponentError(component.name, f"{type(error).__name__}: {error}"))
                missing.update(component.outputs())
                continue
            found.update(outputs)
        return found, errors

    def _extra_kinds(self) -> list[str]:
        return [kind for c in self.components for kind in c.produces if kind not in ALL_KINDS]

    def pipe(self, texts: Iterable[str]) -> Iterator[Brief]:
        """Lazily extract from many texts, in order."""
        for text in texts:
            yield self(text)

    def __repr__(self) -> str:
        return f"Pipeline({', '.join(self.names)})"


def _kinds_list(kinds: Iterable[str]) -> list[str]:
    if isinstance(kinds, str):
        raise ValueError(f"kinds must be a collection of fact kinds such as {ALL_KINDS}, not the string {kinds!r}")
    return sorted(set(kinds))


Built = tuple[Lexicon, tuple[Component, ...], frozenset[str], Respacer]
_BUILT: dict[bytes, Built] = {}
_BUILT_MAX = 8  # recipes kept per process: a worker sees one, a test run a few


def _build(recipe: dict[str, Any]) -> Built:
    """The lexicon, components and kinds of a recipe, built once per process: a worker that unpickles
    the same pipeline for every task (as Dask does) builds it only the first time. A recipe that does
    not pickle (a component class defined inside a function) is built each time, and its pipeline
    cannot go to worker processes."""
    try:
        key = pickle.dumps(recipe)
    except (pickle.PicklingError, AttributeError, TypeError):
        return _assemble(**recipe)
    built = _BUILT.get(key)
    if built is None:
        if len(_BUILT) >= _BUILT_MAX:
            _BUILT.pop(next(iter(_BUILT)))
        built = _BUILT[key] = _assemble(**recipe)
    return built


def _assemble(
    kinds: list[str] | None,
    data: dict[str, str],
    extra: tuple[ComponentFactory, ...],
    syntax: bool = False,
    subjects: bool = True,
) -> Built:
    lexicon = Lexicon(DataFiles(data)) if data else bundled()
    _warn_unknown_lists(lexicon, data)
    declared = _declared(extra)
    available = [kind for cls in declared for kind in cls.produces]
    chosen = set(available if kinds is None else kinds)
    unknown = chosen - set(available)
    if unknown:
        raise ValueError(f"unknown fact kinds {sorted(unknown)}; the kinds are {available}")
    asked = chosen | ({"syntax"} if syntax else set())
    run = plan(declared, asked)
    if subjects and any("subjects" in c.wants for c in run):  # numbers run, for the user's kinds or ours
        run = plan(declared, asked | {"subjects"})
    components = tuple(cls(lexicon) for cls in run)
    for component in components:
        if not isinstance(component, Component):
            raise TypeError(f"{component!r} is not a briefx.component.Component")
    return lexicon, components, frozenset(chosen), Respacer.from_lexicon(lexicon)


def _declared(extra: tuple[ComponentFactory, ...]) -> list[Any]:
    """The built-in components, then the user's: each with name, needs, wants, produces, provides."""
    declared: list[Any] = list(COMPONENTS)
    for factory in extra:
        cls = getattr(factory, "func", factory)  # a functools.partial declares through its class
        if not (isinstance(cls, type) and issubclass(cls, Component)):
            raise TypeError(f"extra components are Component classes (or partials of them), got {factory!r}")
        declared.append(_Declared(factory, cls))
    return declared


class _Declared:
    """A user's factory with its class's declarations, so plan() treats it like a built-in class."""

    def __init__(self, factory: ComponentFactory, cls: type[Component]):
        self.factory, self.name, self.needs, self.wants = factory, cls.name, cls.needs, cls.wants
        self.produces, self.provides = cls.produces, cls.provides

    def outputs(self) -> tuple[str, ...]:
        return self.produces + self.provides

    def __call__(self, lexicon: Lexicon) -> Component:
        return self.factory(lexicon)


def plan(declared: Sequence[Any], kinds: set[str]) -> list[Any]:
    """The components that produce `kinds`, with everything they need, in declared order.

    What a component only `wants` is given to it when its producer runs for another reason: the
    period of a number needs the dates, which run only when "dates" is among the kinds."""
    producer: dict[str, Any] = {}
    for position, component in enumerate(declared):
        for name in (*component.needs, *component.wants):
            if name in producer:
                continue
            later = [c.name for c in declared[position:] if name in c.outputs()]
            if not later and component.needs.count(name):
                raise ValueError(f"component {component.name!r} needs {name!r}, which no component before it produces")
        for name in component.outputs():
            if name in producer:
                raise ValueError(f"{name!r} is produced by both {producer[name].name!r} and {component.name!r}")
            producer[name] = component
    chosen: set[int] = set()

    def need(name: str) -> None:
        component = producer[name]
        if id(component) not in chosen:
            chosen.add(id(component))
            for needed in component.needs:
                need(needed)

    for kind in kinds:
        need(kind)
    return [c for c in declared if id(c) in chosen]


_DEFAULT: Pipeline | None = None


def extract(text: str, *, published: dt.date | None = None, id: str | None = None) -> Brief:
    """Facts of one text with the default pipeline (built on first use, then reused)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT(text, published=published, id=id)


def _warn_unknown_lists(lexicon: Lexicon, data: dict[str, str]) -> None:
    known = set(lexicon.files.bundled_names())
    for name in sorted(set(data) - known):
        log.warning("word list %s is not one of briefx's; only a component that reads it by name will use it", name)
