"""briefx: typed facts with exact offsets from Russian-language official news."""

from briefx.batch import batch  # the function runner.batch; it shadows the subpackage's name
from briefx.component import Component
from briefx.dataframe import frame  # the function; briefx.dataframe also has read() for a run's output
from briefx.document import Document
from briefx.lexicon import Lexicon
from briefx.model import (
    Brief,
    Facility,
    Fact,
    Instruction,
    MoneyAmount,
    Percentage,
    Period,
    Person,
    Place,
    Priority,
    Quantity,
    Region,
    Source,
)
from briefx.pipeline import Pipeline, extract
from briefx.text import Sentence

__all__ = [
    "Brief",
    "Component",
    "Document",
    "Facility",
    "Fact",
    "Instruction",
    "Lexicon",
    "MoneyAmount",
    "Percentage",
    "Period",
    "Person",
    "Pipeline",
    "Place",
    "Priority",
    "Quantity",
    "Region",
    "Sentence",
    "Source",
    "batch",
    "extract",
    "frame",
]
__version__ = "0.1.0"
