"""The one contract of every pipeline step: a name, what it needs, what it produces, one call shape.

    class SownAreas(Component):
        name = "sown_areas"
        needs = ("quantities",)          # outputs of earlier components it cannot run without
        produces = ("sown_areas",)       # fact kinds it adds to the Brief

        def __call__(self, doc, found):
            return {"sown_areas": [...]}

A component is built once per pipeline with the Lexicon (the word lists, the user's included) and then
called once per document with the Document and `found`, the outputs of the components before it. It
returns one entry per name in `produces` and `provides`, and never changes what it was given.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

from briefx.document import Document
from briefx.lexicon import Lexicon


class Component(ABC):
    name: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()  # outputs it cannot run without
    wants: ClassVar[tuple[str, ...]] = ()  # outputs it uses when the pipeline computes them anyway
    produces: ClassVar[tuple[str, ...]] = ()  # fact kinds it adds to the Brief (a tuple of facts each)
    provides: ClassVar[tuple[str, ...]] = ()  # analyses it hands to later components, not in the Brief

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    @abstractmethod
    def __call__(self, doc: Document, found: Mapping[str, Any]) -> dict[str, Any]:
        """The outputs for one document: {name: value} for every name in `produces` and `provides`."""

    @classmethod
    def outputs(cls) -> tuple[str, ...]:
        return cls.produces + cls.provides

    def rule(self, name: str) -> str:
        """How a fact says which component and rule made it: "money.elliptic"."""
        return f"{self.name}.{name}"


def load_component(spec: str) -> type[Component]:
    """ "package.module:ClassName" -> the Component class it names (as the CLI's --component takes it).

    The module must be importable (installed, or on PYTHONPATH) in every worker process too."""
    module_name, _, name = spec.partition(":")
    if not module_name or not name:
        raise ValueError(f"a component is given as MODULE:CLASS, got {spec!r}")
    try:
        found = getattr(importlib.import_module(module_name), name)
    except (ImportError, AttributeError) as error:
        raise ValueError(f"cannot load component {spec!r}: {error}") from None
    if not (isinstance(found, type) and issubclass(found, Component)):
        raise ValueError(f"{spec!r} is not a briefx.component.Component class")
    return found
