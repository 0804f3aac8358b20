"""Write datasets/country_names.csv: country names that a source prints beside an ISO 3166-1 code
but that pycountry does not know (former and variant names: "Turkey", "Swaziland", "The former
Yugoslav Republic of Macedonia", "Congo, Dem. Rep.").

pycountry keeps only the current ISO names, so a file printed before a country was renamed loses
its code. No table is typed here: every row is a name that one of these sources prints for a code.

- The IPI Peacekeeping Database, monthly gender file of 31 March 2014
  (../shared/data/peacekeeping_ipi/ipi_20140331_gender.json): each record's ``tcc_country_string``
  beside its ``tcc_country_id`` (ISO 3166-1 alpha-3), as the UN's monthly reports name
  contributors.
- The World Bank's WDI bulk files (../shared/data/wdi/API_*.csv, releases of 15 February 2022,
  21 February 2024 and 7 October 2025, and a user's re-save of release 1740381):
  ``Country Name`` beside ``Country Code``, read with ``wpsstats.read.wdi``. Aggregates and the
  World Bank's own codes (XKX Kosovo, CHI Channel Islands) are no ISO 3166-1 code and drop out.
- The IANA time zone database's ``iso3166.tab`` (public domain), as the ``tzdata`` package ships
  it: "the usual English name" of each alpha-2 code (converted to alpha-3 by pycountry). Where it
  writes a second name in brackets after the country's ISO name, "Eswatini (Swaziland)" and
  "Myanmar (Burma)", the bracketed name is kept too; a bracket that is a qualifier, not a name
  ("Congo (Rep.)", "Samoa (western)": abbreviated or in lower case), is not.

A name is kept only if ``wpsstats._countries`` cannot already match it through pycountry, and
only if every source that prints it (by the matcher's key: case, accents, punctuation and word
order aside) gives the same code; a name two codes share is left out and listed. Run::

    .venv/bin/python datasets/scripts/make_country_names.py
    .venv/bin/python datasets/scripts/build_index.py
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pandas as pd
import pycountry

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import wpsstats as wps  # noqa: E402
from wpsstats._countries import _pycountry_iso3, name_key  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
IPI = DATA / "peacekeeping_ipi" / "ipi_20140331_gender.json"
OUT = ROOT / "datasets" / "country_names.csv"
COLUMNS = ["name", "geo", "geo_name", "source", "printed"]


def ipi() -> list[tuple[str, str, str, str]]:
    """(name, alpha-3, source, printed) of every contributor of the IPI gender file."""
    records = json.loads(IPI.read_text(encoding="utf-8"))
    return [
        (r["tcc_country_string"], r["tcc_country_id"], f"IPI {IPI.name}", r["tcc_country_string"])
        for r in records
        if r.get("tcc_country_string") and r.get("tcc_country_id") not in (None, "all")
    ]


def wdi() -> list[tuple[str, str, str, str]]:
    """(name, code, source, printed) of every economy of every WDI bulk file."""
    out = []
    for path in sorted((DATA / "wdi").glob("API_*.csv")):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = wps.read.wdi(path, metadata=None)
        for code, name in frame[["geo", "geo_name"]].drop_duplicates().itertuples(index=False):
            # the release's number in the file name: API_SG.GEN.PARL.ZS_DS2_en_csv_v2_3731396
            release = re.search(r"_v2_(\d+)", path.name)
            where = f"{path.name.split('_DS2')[0][4:]} {release.group(1) if release else path.name}"
            out.append((str(name), str(code), f"World Bank WDI ({where})", str(name)))
    return out


def tz() -> list[tuple[str, str, str, str]]:
    """(name, alpha-3, source, printed) of every line of tz's iso3166.tab."""
    import tzdata

    source = f"IANA tz {tzdata.IANA_VERSION} iso3166.tab"
    text = (resources.files("tzdata") / "zoneinfo" / "iso3166.tab").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        alpha_2, printed = line.split("\t")
        country = pycountry.countries.get(alpha_2=alpha_2)
        if country is None:
            continue
        out.append((printed, country.alpha_3, source, printed))
        bracket = re.fullmatch(r"(.+?) \(([^()]+)\)", printed)
        if bracket:
            first, second = bracket.groups()
            # "Eswatini (Swaziland)": the ISO name, then another name of the same country
            is_name = all(w[:1].isupper() and not w.endswith(".") for w in second.split())
            if is_name and _pycountry_iso3(first) == country.alpha_3:
                out.append((second, country.alpha_3, source, printed))
    return out


def _sources(sources: pd.Series) -> str:
    """The sources of one name, "; "-joined; the WDI files as one source with their releases."""
    wdi = sorted({s[len("World Bank WDI (") : -1] for s in sources if s.startswith("World Bank")})
    others = sorted({s for s in sources if not s.startswith("World Bank")})
    return "; ".join(others + ([f"World Bank WDI ({', '.join(wdi)})"] if wdi else []))


def build() -> pd.DataFrame:
    """The table: one row per name and code, the names that two codes share left out."""
    by_key: dict[str, set[str]] = defaultdict(set)
    rows = []
    for name, code, source, printed in ipi() + wdi() + tz():
        country = pycountry.countries.get(alpha_3=code)
        if country is None or _pycountry_iso3(name) is not None:
            continue  # not an ISO 3166-1 code (an aggregate, XKX), or pycountry knows the name
        by_key[name_key(name)].add(code)
        rows.append((name, code, country.name, source, printed))
    ambiguous = {key for key, codes in by_key.items() if len(codes) > 1}
    for key in sorted(ambiguous):
        print(f"left out, two codes: {key!r} -> {sorted(by_key[key])}", file=sys.stderr)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame = frame[~frame["name"].map(name_key).isin(ambiguous)]
    # one row per name and code; the sources that print it joined with "; "
    frame = (
        frame.groupby(["name", "geo", "geo_name"], sort=True)
        .agg(
            source=("source", _sources),
            printed=("printed", lambda s: "; ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    return frame


def main() -> int:
    frame = build()
    frame.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(frame)} names of {frame['geo'].nunique()} codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
