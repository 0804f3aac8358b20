"""wpsstats: statistics for the Women, Peace and Security agenda.

Representation rates with honest intervals, design-based prevalence from survey microdata,
published figures that can be parsed and checked, and peacekeeping personnel parity against the
UN's targets -- with a source behind every bundled number.

``import wpsstats`` is cheap: it loads neither scipy nor matplotlib, nor the grammar of published
figures. The statistical modules and :mod:`wpsstats.published` are imported the first time one of
their names is used.

Examples
--------
>>> import wpsstats as wps
>>> mali = wps.figures(geo="MLI")
>>> mali.loc[mali["figure_id"] == "mli-cabinet-women", ["numerator", "denominator"]]
... # doctest: +NORMALIZE_WHITESPACE
   numerator  denominator
...          9           36
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .datasets import figures, list_datasets, load

__version__ = "0.1.0"

# name -> submodule that defines it, imported on first use: keeps scipy, matplotlib and the
# figure grammar (about 0.2 s to compile) out of ``import wpsstats``.
_LAZY: dict[str, str] = {
    "proportion_ci": "rates",
    "rate": "rates",
    "quota_gap": "rates",
    "parity_index": "rates",
    "pooled_rate": "rates",
    "mean_of_shares": "rates",
    "rate_difference": "rates",
    "survey_prevalence": "survey",
    "pool_prevalence": "survey",
    "parity_targets": "parity",
    "parity_gap": "parity",
    "year_reaching": "parity",
    "pace_needed": "parity",
    "trend_status": "parity",
    "to_target_categories": "parity",
    "prevalence_difference": "compare",
    "survey_chisq": "compare",
    "Figure": "published",
    "parse_figure": "published",
    "extract_figures": "published",
    "consistent_percent": "published",
    "possible_counts": "published",
    "implied_fraction": "published",
    "check_symbol": "published",
    "reproduce": "published",
    "audit": "published",
    "country_profile": "profiles",
    "region_profile": "profiles",
}
_SUBMODULES = (
    "read",
    "plot",
    "dhs",
    "rates",
    "survey",
    "compare",
    "parity",
    "published",
    "profiles",
    "datasets",
)

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import compare as compare
    from . import dhs as dhs
    from . import parity as parity
    from . import plot as plot
    from . import profiles as profiles
    from . import published as published
    from . import rates as rates
    from . import read as read
    from . import survey as survey
    from .compare import prevalence_difference, survey_chisq
    from .parity import (
        pace_needed,
        parity_gap,
        parity_targets,
        to_target_categories,
        trend_status,
        year_reaching,
    )
    from .profiles import country_profile, region_profile
    from .published import (
        Figure,
        audit,
        check_symbol,
        consistent_percent,
        extract_figures,
        implied_fraction,
        parse_figure,
        possible_counts,
        reproduce,
    )
    from .rates import (
        mean_of_shares,
        parity_index,
        pooled_rate,
        proportion_ci,
        quota_gap,
        rate,
        rate_difference,
    )
    from .survey import pool_prevalence, survey_prevalence


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'wpsstats' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES))


__all__ = [
    "Figure",
    "__version__",
    "audit",
    "check_symbol",
    "consistent_percent",
    "country_profile",
    "extract_figures",
    "figures",
    "implied_fraction",
    "list_datasets",
    "load",
    "mean_of_shares",
    "pace_needed",
    "parity_gap",
    "parity_index",
    "parity_targets",
    "parse_figure",
    "pool_prevalence",
    "pooled_rate",
    "possible_counts",
    "prevalence_difference",
    "proportion_ci",
    "quota_gap",
    "rate",
    "rate_difference",
    "region_profile",
    "reproduce",
    "survey_chisq",
    "survey_prevalence",
    "to_target_categories",
    "trend_status",
    "year_reaching",
]
