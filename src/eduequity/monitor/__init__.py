"""Monitoring many counties over many years: margins, warnings, rankings, changes, regions.

:func:`monitor` evaluates every county and year of one or more sources against a standard
and sets them side by side: each CV's *margin* to its threshold, warning bands, rankings by
verdict then margin, year-over-year changes with a noise tolerance, regressions, and for
prefectures and provinces the roll-ups and the between/within analysis.
"""

from eduequity.monitor.changes import NoiseTolerance
from eduequity.monitor.margins import Bands
from eduequity.monitor.result import Monitoring
from eduequity.monitor.run import monitor

__all__ = ["Bands", "Monitoring", "NoiseTolerance", "monitor"]
