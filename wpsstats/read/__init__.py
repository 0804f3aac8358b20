"""Readers for the files analysts download: World Bank WDI, DHS API, IPI peacekeeping, PA-X (its
delegates and its agreements), IPU Parline rankings, UNICEF's global databases, and report PDFs.

Each reader takes a path, returns a tidy DataFrame, keeps every data row of the file, and raises a
``ValueError`` that names the file, the line (or JSON record) and what was expected when the file is
not what it claims to be. Country codes and names go through pycountry (ISO 3166-1); names it cannot
match are listed in one :class:`CountryNameWarning` and kept as printed.
"""

from __future__ import annotations

from ._common import CountryNameWarning, DataConsistencyWarning, EncodingWarning, FileFormatError
from .dhs_api import dhs_api
from .ipi import ipi_gender
from .ipu import ipu
from .pax import pax_delegates
from .pax_agreements import pax_agreements
from .report import report
from .unicef import unicef
from .wdi import wdi

__all__ = [
    "CountryNameWarning",
    "DataConsistencyWarning",
    "EncodingWarning",
    "FileFormatError",
    "dhs_api",
    "ipi_gender",
    "ipu",
    "pax_agreements",
    "pax_delegates",
    "report",
    "unicef",
    "wdi",
]
