"""briefx: typed facts with exact offsets from Russian-language official news."""

from briefx.model import Brief, Fact, MoneyAmount, Percentage, Quantity
from briefx.pipeline import Pipeline, extract
from briefx.text import Sentence

__all__ = ["Brief", "Fact", "MoneyAmount", "Percentage", "Pipeline", "Quantity", "Sentence", "extract"]
__version__ = "0.1.0"
