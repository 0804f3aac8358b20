"""Bundled data: the seed's published figures, their sources, and the vocabularies they use.

Each dataset is one CSV file with a YAML sidecar beside it (title, description, sources, a
codebook of its columns and the CSV's sha256). ``load`` reads the CSV with the dtypes the
codebook declares and puts the sidecar into ``DataFrame.attrs["wpsstats"]``.

The files live in the top-level ``datasets/`` folder of a checkout; a wheel carries the same
folder as ``wpsstats/_data`` (see ``pyproject.toml``), so the loaders work both ways.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ._checks import closest
from ._countries import iso3_hint, iso3_names

__all__ = ["data_dir", "example_file", "figures", "list_datasets", "load", "metadata"]

# Codebook type -> pandas dtype. Nullable dtypes throughout, so a missing value stays missing.
_DTYPES: dict[str, str] = {
    "string": "string",
    "integer": "Int64",
    "float": "Float64",
    "boolean": "boolean",
}


def data_dir() -> Path:
    """Return the folder holding the bundled CSV and YAML files.

    Inside an installed wheel it is ``wpsstats/_data``; in a checkout (editable install) it is the
    top-level ``datasets/`` folder.

    Returns
    -------
    pathlib.Path
        The folder, the one of the two that holds ``datasets.csv``.

    Raises
    ------
    FileNotFoundError
        If neither folder holds ``datasets.csv`` (a broken install).
    """
    packaged = Path(__file__).resolve().parent / "_data"
    if (packaged / "datasets.csv").is_file():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "datasets"
    if (checkout / "datasets.csv").is_file():
        return checkout
    raise FileNotFoundError(
        f"wpsstats cannot find its bundled data: neither {packaged} nor {checkout} holds "
        "datasets.csv; reinstall the package"
    )


def example_file(name: str) -> Path:
    """Return the path of a small example file for the readers in :mod:`wpsstats.read`.

    A few records cut from real downloads (World Bank WDI, DHS API via HDX, IPI peacekeeping,
    PADD), exactly as those files print them; ``examples/README.md`` in :func:`data_dir` says
    where each comes from. They ship in the wheel, so a reader's docstring example runs for an
    installed user.

    Parameters
    ----------
    name : str
        The file name, e.g. ``"ipi_gender_example.json"``.

    Returns
    -------
    pathlib.Path
        The file, inside the installed package (or the checkout's ``datasets/examples``).

    Raises
    ------
    ValueError
        If there is no example file of that name (the message lists them).

    Examples
    --------
    >>> from wpsstats.datasets import example_file
    >>> example_file("ipi_gender_example.json").name
    'ipi_gender_example.json'
    """
    folder = data_dir() / "examples"
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".csv", ".json", ".xlsx"))
    if not isinstance(name, str) or name not in names:
        hint = closest(name, names) if isinstance(name, str) else None
        suffix = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(
            f"no example file {name!r}; the example files are {', '.join(names)}{suffix}"
        )
    return folder / name


@functools.cache
def _index() -> pd.DataFrame:
    return pd.read_csv(data_dir() / "datasets.csv", dtype="string", keep_default_na=False)


def _names() -> list[str]:
    return _index()["name"].tolist()


def _check_name(name: Any) -> str:
    names = _names()
    if not isinstance(name, str) or name not in names:
        hint = closest(name, names) if isinstance(name, str) else None
        suffix = f"; did you mean {hint!r}?" if hint else ""
        raise ValueError(
            f"unknown dataset {name!r}; the bundled datasets are {', '.join(names)}{suffix}"
        )
    return name


@functools.cache
def _metadata(name: str) -> dict[str, Any]:
    import yaml  # on first use: it was 13 ms of ``import wpsstats`` (about 3 per cent)

    with open(data_dir() / f"{name}.yaml", encoding="utf-8") as fh:
        meta: dict[str, Any] = yaml.safe_load(fh)
    return meta


def metadata(name: str) -> dict[str, Any]:
    """Return the YAML sidecar of dataset ``name`` as a dict (a fresh copy).

    Parameters
    ----------
    name : str
        One of the names in :func:`list_datasets`.

    Returns
    -------
    dict
        The sidecar: title, description, sources, codebook (``columns``) and sha256, among
        others; changing it changes no later call.

    Raises
    ------
    ValueError
        If ``name`` is not a bundled dataset; the message lists the valid names and the closest.

    Examples
    --------
    >>> meta = metadata("figures")
    >>> meta["title"]
    'Published figures of the seed document (2018) and of its successor S/2025/492'
    >>> [c["name"] for c in meta["columns"]][:3]
    ['figure_id', 'source_id', 'locator']
    """
    import copy

    return copy.deepcopy(_metadata(_check_name(name)))


def list_datasets() -> pd.DataFrame:
    """List the bundled datasets, one row each.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``title``, ``rows`` (number of data rows) and ``description``.

    Examples
    --------
    >>> import wpsstats as wps
    >>> "figures" in set(wps.list_datasets()["name"])
    True
    """
    index = _index().copy()
    index["rows"] = index["rows"].astype("Int64")
    return index[["name", "title", "rows", "description"]].reset_index(drop=True)


@functools.cache
def _read(name: str) -> pd.DataFrame:
    meta = _metadata(name)
    columns = meta["columns"]
    dtypes = {c["name"]: _DTYPES.get(c["type"], "string") for c in columns}
    frame = pd.read_csv(
        data_dir() / meta["file"],
        dtype=dtypes,
        keep_default_na=False,
        na_values={c: [""] for c in dtypes},
        encoding="utf-8",
    )
    for col in columns:
        if col["type"] == "category":
            cats = col.get("categories")
            frame[col["name"]] = pd.Categorical(frame[col["name"]], categories=cats)
        elif col["type"] == "date":
            frame[col["name"]] = pd.to_datetime(frame[col["name"]], format="ISO8601")
    unknown = [c for c in frame.columns if c not in dtypes]
    if unknown:
        raise ValueError(f"dataset {name!r} has columns its codebook does not describe: {unknown}")
    return frame[[c["name"] for c in columns]]


def load(name: str) -> pd.DataFrame:
    """Load a bundled dataset as a typed DataFrame.

    Parameters
    ----------
    name : str
        One of the names in :func:`list_datasets`.

    Returns
    -------
    pandas.DataFrame
        The data, typed from the codebook (``Int64`` counts, ``Float64`` values, categoricals for
        controlled vocabularies). ``.attrs["wpsstats"]`` holds the sidecar metadata: title,
        description, sources, codebook and sha256.

    Raises
    ------
    ValueError
        If ``name`` is not a bundled dataset; the message lists the valid names and the closest.

    Examples
    --------
    >>> import wpsstats as wps
    >>> sources = wps.load("sources")
    >>> sources.attrs["wpsstats"]["title"]
    'Sources of the bundled figures'
    >>> wps.load("figurs")
    Traceback (most recent call last):
    ...
    ValueError: unknown dataset 'figurs'; ... did you mean 'figures'?
    """
    name = _check_name(name)
    frame = _read(name).copy()
    frame.attrs["wpsstats"] = metadata(name)
    return frame


def _known_geo(value: str) -> bool:
    """True for an ISO 3166-1 alpha-3 code or a region code of the regions dataset."""
    return value in iso3_names() or value in set(load("regions")["region"])


def _vocabulary(argument: str) -> set[str]:
    """Every value a filter may take, whether or not a figure has it."""
    if argument == "source":
        return set(load("sources")["source_id"])
    if argument == "indicator":
        return set(load("indicators")["indicator"])
    if argument == "pillar":
        return {str(c) for c in _read("figures")["pillar"].cat.categories}
    raise ValueError(argument)  # pragma: no cover - internal


def _matches(frame: pd.DataFrame, column: str, wanted: Any, argument: str) -> pd.Series:
    """Which rows' ``column`` is one of ``wanted`` (every row if None).

    A value that is valid but held by no figure (a G5 country with no published figure) matches
    no rows; a value that is not valid at all raises, listing the values the figures hold (all
    of them, whatever the other filters keep).
    """
    if wanted is None:
        return pd.Series(True, index=frame.index)
    if not isinstance(wanted, (str, Iterable)) or isinstance(wanted, (bytes, bytearray)):
        raise TypeError(f"{argument} must be a string or a list of strings, got {wanted!r}")
    values = [wanted] if isinstance(wanted, str) else list(wanted)
    present = sorted(set(frame[column].dropna().astype(str)))
    for value in values:
        if not isinstance(value, str):
            raise TypeError(f"{argument} must be a string or a list of strings, got {value!r}")
        known = _known_geo(value) if argument == "geo" else value in _vocabulary(argument)
        if not known:
            hint = iso3_hint(value) if argument == "geo" else None
            hint = hint or closest(value, present)
            suffix = f"; did you mean {hint!r}?" if hint else ""
            raise ValueError(
                f"{argument}={value!r} is not a known {argument}; the figures hold "
                f"{', '.join(present)}{suffix}"
            )
    return frame[column].astype(str).isin(values)


def figures(
    geo: str | Iterable[str] | None = None,
    source: str | Iterable[str] | None = None,
    indicator: str | Iterable[str] | None = None,
    pillar: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Published figures, filtered, with the title and symbol of the source of each.

    Parameters
    ----------
    geo : str or list of str, optional
        ISO 3166-1 alpha-3 code (``"MLI"``) or a region code of the ``regions`` dataset
        (``"G5S"``).
    source : str or list of str, optional
        ``source_id`` of the ``sources`` dataset.
    indicator : str or list of str, optional
        Indicator code of the ``indicators`` dataset.
    pillar : str or list of str, optional
        One of participation, protection, prevention, relief_recovery, personnel or context.

    Returns
    -------
    pandas.DataFrame
        The rows of the ``figures`` dataset that match every filter given, with the columns
        ``source_title`` and ``source_symbol`` added from ``sources``.

    Raises
    ------
    ValueError
        If a filter value is not a valid code (an unknown country, source, indicator or pillar);
        the message lists the values the figures hold and the closest. A valid code that no
        figure has (a country the source does not mention) gives an empty frame.
    TypeError
        If a filter is neither a string nor a list of strings.

    Examples
    --------
    >>> import wpsstats as wps
    >>> cabinet = wps.figures(geo="MLI", indicator="women_share_cabinet")
    >>> cabinet[["value", "numerator", "denominator", "locator"]]
    ... # doctest: +NORMALIZE_WHITESPACE
       value  numerator  denominator locator
    ...  0.25          9           36    p. 1
    >>> len(wps.figures(geo="MRT"))  # a G5 country no bundled note gives a figure for
    0
    >>> wps.figures(geo="Mali")
    Traceback (most recent call last):
    ...
    ValueError: geo='Mali' is not a known geo; the figures hold ...; did you mean 'MLI'?
    """
    every = load("figures")
    keep = (
        _matches(every, "geo", geo, "geo")
        & _matches(every, "source_id", source, "source")
        & _matches(every, "indicator", indicator, "indicator")
        & _matches(every, "pillar", pillar, "pillar")
    )
    frame = every[keep]
    sources = load("sources")[["source_id", "title", "symbol"]].rename(
        columns={"title": "source_title", "symbol": "source_symbol"}
    )
    attrs = frame.attrs
    out = frame.merge(sources, on="source_id", how="left", validate="many_to_one")
    out.attrs = attrs
    return out.reset_index(drop=True)
