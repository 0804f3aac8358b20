"""Published figures: parsing, extraction, consistency checks and reproduction of a report."""

from __future__ import annotations

__all__: list[str] = []
