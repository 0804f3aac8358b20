"""Country names and ISO 3166-1 alpha-3 codes, in one place for the readers, the bundled data's
filters and the profiles.

A name is matched through pycountry (ISO 3166-1) first, by a key blind to accents, case,
punctuation and word order, or as a shortening of a country's name ("Russia"); then through the
former and variant names that cited sources print beside a code and pycountry no longer knows
("Turkey", "Swaziland": the bundled ``country_names`` dataset, derived by a kept script). A name
two countries share is left unmatched, never guessed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = [
    "iso3_from_names",
    "iso3_hint",
    "iso3_names",
    "name_key",
    "names_from_iso3",
    "pycountry_names",
    "short_name",
    "unambiguous",
]

_STOPWORDS = frozenset({"the", "of", "and"})


def name_key(name: str, *, stopwords: frozenset[str] = _STOPWORDS) -> str:
    """A name without accents, case, punctuation, ``stopwords`` or word order: "Democratic
    Republic of Congo" and pycountry's "Congo, The Democratic Republic of the" share a key."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    words = [w for w in re.split(r"[^0-9a-z]+", folded) if w and w not in stopwords]
    return " ".join(sorted(words))


def pycountry_names() -> Iterable[tuple[str, str]]:
    """(name, alpha-3) for the name, official name and common name of every pycountry country."""
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                yield value, country.alpha_3


def unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Key -> code; a key that two codes share is left out, so that it is reported, not guessed."""
    index: dict[str, str] = {}
    ambiguous: set[str] = set()
    for key, code in pairs:
        if index.setdefault(key, code) != code:
            ambiguous.add(key)
    return {key: code for key, code in index.items() if key not in ambiguous}


@functools.cache
def _name_index() -> dict[str, str]:
    return unambiguous((name_key(name), code) for name, code in pycountry_names())


@functools.cache
def iso3_names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> name, for the current countries (pycountry), loaded once."""
    import pycountry

    return {c.alpha_3: c.name for c in pycountry.countries}


@functools.cache
def _other_names_index() -> dict[str, str]:
    """Key -> alpha-3 of the former and variant names that sources print beside a code and
    pycountry does not know ("Turkey", "Swaziland"): the bundled ``country_names.csv``, written
    by ``datasets/scripts/make_country_names.py`` from the sources its sidecar names."""
    from .datasets import load

    names = load("country_names")
    return unambiguous(
        (name_key(name), str(geo)) for name, geo in zip(names["name"], names["geo"], strict=True)
    )


def _pycountry_iso3(name: str) -> str | None:
    """The code of ``name`` by pycountry alone: its names' keys, else a shortening of one."""
    return _name_index().get(name_key(name)) or _short_name_iso3(name)


@functools.lru_cache(maxsize=4096)  # the same names recur file after file
def _iso3_of_name(name: str) -> str | None:
    # pycountry first: a bundled name never changes what a current ISO name matches
    return _pycountry_iso3(name) or _other_names_index().get(name_key(name))


def _short_name_iso3(name: str) -> str | None:
    """The code of a country named by a shortening of its ISO name ("Russia", "Palestine"):
    pycountry's ``search_fuzzy`` also answers with the country of a subdivision ("Darfur" gives
    Sudan), so its one answer is kept only if each word of the name starts a word of its name."""
    import pycountry

    words = name_key(name).split()
    try:
        # without brackets and other marks: PA-X writes a contested party "(Palestine)"
        found = (
            pycountry.countries.search_fuzzy(" ".join(re.findall(r"\w+", name))) if words else []
        )
    except LookupError:
        return None
    if len(found) != 1:
        return None
    country = found[0]
    # not its official name: "United Kingdom of Great Britain and Northern Ireland" would make
    # Northern Ireland the United Kingdom
    own = {
        word
        for attr in ("name", "common_name")
        for word in name_key(getattr(country, attr, None) or "").split()
    }
    if all(any(w.startswith(q) for w in own) for q in words):
        return str(country.alpha_3)
    return None


def iso3_from_names(names: Iterable[Any]) -> tuple[list[str | None], list[str]]:
    """ISO 3166-1 alpha-3 codes of ``names`` (by :func:`name_key`, else a shortening of a
    country's name, "Russia", else a former or variant name that a source prints beside the
    code, "Turkey"), and the names that matched nothing ("Azawad"), each once."""
    names = [n if isinstance(n, str) and n.strip() else None for n in names]
    codes = [None if n is None else _iso3_of_name(n) for n in names]
    unmatched = [n for n, c in zip(names, codes, strict=True) if n is not None and c is None]
    return codes, list(dict.fromkeys(unmatched))


def names_from_iso3(codes: Iterable[Any]) -> tuple[list[str | None], list[str]]:
    """Return the pycountry short name of each alpha-3 code, and the codes it does not know."""
    codes = list(codes)
    known = iso3_names()
    names = [known.get(c) if isinstance(c, str) else None for c in codes]
    unknown = [c for c in codes if isinstance(c, str) and c not in known]
    return names, list(dict.fromkeys(unknown))


def iso3_hint(value: str) -> str | None:
    """The code of a country an analyst wrote as an ISO 3166-1 alpha-2 code or a name ("ML",
    "Mali", "Turkey" -> "MLI", "MLI", "TUR"), to suggest where a code was expected."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(value).alpha_3)
    except LookupError:
        return iso3_from_names([value])[0][0]


def short_name(geo: str) -> str | None:
    """A country's usual short name, pycountry's: its common name ("North Korea", "Iran"), else
    its name ("Egypt"), or, where that is inverted ("Congo, The Democratic Republic of the"), the
    name in reading order; None for a code pycountry does not know (the World Bank's "SSF")."""
    import pycountry

    country = pycountry.countries.get(alpha_3=geo)
    if country is None:
        return None
    common = getattr(country, "common_name", None)
    name = str(common or country.name)
    head, comma, tail = name.partition(", ")
    if comma and re.search(r"\bof(?: the)?$", tail):
        # "Palestine, State of" -> "State of Palestine"; a leading "The" is the inversion's
        return f"{tail.removeprefix('The ')} {head}"
    if comma:
        official = getattr(country, "official_name", None)
        return str(official).removeprefix("the ") if official else None
    return name
