"""warta — reads Indonesian news; codes who did what to whom (PLOVER/CAMEO), who said what, and when;
writes the daily "Top N Dunia" world-news digest."""

__version__ = "0.1.0"
