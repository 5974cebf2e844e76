"""One module per fact kind; numeric.py finds every number once and hands it to money, percentages, quantities."""
