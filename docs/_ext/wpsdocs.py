"""The pages Sphinx builds from the project's own files: the datasets codebook from the YAML
sidecars, the charts of the user guide from the page's code, and the notebook gallery.

Each is made when the build starts, so the pictures and tables cannot drift from the code and data
they show. Generated sources go beside the pages that use them and are ignored by git
(``docs/gallery/``, ``docs/user-guide/charts/``, ``docs/api/generated/``). At the end, every name
in a public module's ``__all__`` must have its own page; a missing one is a warning, so the strict
build fails. A reference to a re-exported name (``wpsstats.rate``) resolves to the page of the
object it names (``wpsstats.rates.rate``).
"""

from __future__ import annotations

import base64
import csv
import functools
import importlib
import io
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
DATASETS = ROOT / "datasets"
NOTEBOOKS = ROOT / "notebooks"
CHARTS_PAGE = DOCS / "user-guide" / "charts.md"
GALLERY = DOCS / "gallery"
MARKER = "<!-- datasets -->"


@functools.cache
def public_modules() -> list[str]:
    """The package and every module of it whose dotted name has no private part: their
    ``__all__`` is the public API (the per-chart modules ``plot._parity`` ... are left out: their
    names are documented where ``wpsstats.plot`` exports them)."""
    import pkgutil

    import wpsstats

    names = ["wpsstats"]
    for info in pkgutil.walk_packages(wpsstats.__path__, "wpsstats."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write only new content, so an unchanged source keeps its time and is not read again."""
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --- the datasets page ----------------------------------------------------------------------------


def _cell(value: Any) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text.replace("|", "\\|")


def _section(meta: dict[str, Any], rows: int) -> str:
    lines = [f"## `{meta['name']}`", "", f"**{meta['title']}** — {rows} rows.", ""]
    lines += [" ".join(str(meta["description"]).split()), ""]
    if meta.get("script"):
        lines += [f"Made by `{meta['script']}`.", ""]
    lines += ["**Sources**", ""]
    for src in meta.get("sources", []):
        parts = [src.get("producer"), src.get("title"), src.get("date")]
        text = ", ".join(_cell(p) for p in parts if p)
        if src.get("url"):
            text += f" — <{src['url']}>"
        if src.get("licence"):
            text += f" ({_cell(src['licence'])})"
        if src.get("note"):
            text += f". {_cell(src['note'])}"
        lines.append(f"- {text}")
    lines += [
        "",
        "**Codebook**",
        "",
        "| column | type | unit | meaning |",
        "| --- | --- | --- | --- |",
    ]
    for col in meta["columns"]:
        kind = col["type"]
        if col.get("categories"):
            kind += ": " + ", ".join(str(c) for c in col["categories"])
        cells = [f"`{col['name']}`", _cell(kind), _cell(col.get("unit")), _cell(col["meaning"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"sha256 of `{meta['file']}`: `{meta['sha256']}`", ""]
    return "\n".join(lines)


def datasets_markdown() -> str:
    """One section per bundled dataset: title, rows, sources, codebook and checksum."""
    sections = []
    for sidecar in sorted(DATASETS.glob("*.yaml")):
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        with open(DATASETS / meta["file"], encoding="utf-8", newline="") as fh:
            rows = sum(1 for _ in csv.reader(fh)) - 1
        sections.append(_section(meta, rows))
    return "\n".join(sections)


def _fill_datasets(app: Any, docname: str, source: list[str]) -> None:
    if MARKER in source[0]:
        source[0] = source[0].replace(MARKER, datasets_markdown())


# --- the charts of the user guide -----------------------------------------------------------------


def chart_images() -> dict[str, bytes]:
    """Run each python block of the charts page and save the chart it draws as the image it names.

    The page shows a code block, then the image that block makes (``![...](charts/NAME.png)``);
    drawing them here keeps the pictures and the code from drifting apart.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    text = CHARTS_PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    images = re.findall(r"\]\((charts/[\w-]+\.png)\)", text)
    if len(blocks) != len(images):
        raise ValueError(f"{CHARTS_PAGE.name}: {len(blocks)} code blocks but {len(images)} images")
    namespace: dict[str, Any] = {}
    out: dict[str, bytes] = {}
    for block, image in zip(blocks, images, strict=True):
        exec(compile(block, str(CHARTS_PAGE), "exec"), namespace)
        buffer = io.BytesIO()
        # no date or software stamp in the file, so an unchanged chart is byte-identical
        namespace["ax"].figure.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
        plt.close("all")
        out[image] = buffer.getvalue()
    return out


# --- the notebook gallery -------------------------------------------------------------------------


def _gallery() -> None:
    """Copy each notebook into ``docs/gallery`` (with a note on where it comes from) and write the
    gallery's index: a card per notebook, its title and the first chart it draws."""
    import nbformat

    cards = []
    stems = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0].source if nb.cells else ""
        title = next(
            (ln[2:].strip() for ln in first.splitlines() if ln.startswith("# ")), path.stem
        )
        note = nbformat.v4.new_markdown_cell(
            f"*This page is the notebook `notebooks/{path.name}` with the outputs it was committed "
            "with; `make reproduce` executes it again.*"
        )
        note["id"] = "wpsstats-source-note"  # fixed, so an unchanged notebook copies unchanged
        nb.cells.insert(1, note)
        _write_if_changed(GALLERY / path.name, nbformat.writes(nb).encode("utf-8"))
        png = next(
            (
                out["data"]["image/png"]
                for cell in nb.cells
                for out in cell.get("outputs", [])
                if "image/png" in out.get("data", {})
            ),
            None,
        )
        stems.append(path.stem)
        cards += [f"## [{title}]({path.stem}.ipynb)", ""]
        if png is not None:
            _write_if_changed(GALLERY / "thumbs" / f"{path.stem}.png", base64.b64decode(png))
            cards += [
                f"```{{image}} thumbs/{path.stem}.png",
                f":alt: {title}",
                ":width: 360px",
                f":target: {path.stem}.html",
                "```",
                "",
            ]
    index = [
        "# Gallery",
        "",
        "The project's notebooks, rendered with their committed outputs. Each loads bundled data,",
        "computes with wpsstats, draws its charts and asserts the published figures it reproduces.",
        "",
        "```{toctree}",
        ":hidden:",
        "",
        *stems,
        "```",
        "",
        *cards,
    ]
    _write_if_changed(GALLERY / "index.md", "\n".join(index).encode("utf-8"))
    # a notebook deleted from notebooks/ leaves the gallery too
    keep = {f"{stem}.ipynb" for stem in stems} | {"index.md", "thumbs"}
    for old in GALLERY.iterdir():
        if old.name not in keep:
            shutil.rmtree(old) if old.is_dir() else old.unlink()


def _generate(app: Any) -> None:
    _gallery()
    if CHARTS_PAGE.is_file():
        for image, data in chart_images().items():
            _write_if_changed(CHARTS_PAGE.parent / image, data)


# --- every public name has a page -----------------------------------------------------------------


def _check_api(app: Any, env: Any) -> None:
    from sphinx.util import logging

    documented = set(env.get_domain("py").objects)
    for modname in public_modules():
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", []):
            # a page under any path the object is reachable by will do
            if not name.startswith("__") and not _paths_of(getattr(module, name)) & documented:
                logging.getLogger(__name__).warning(
                    f"{modname}.{name} is public (in __all__) but has no page in docs/api/"
                )


def lookup(dotted: str) -> Any:
    """The object a dotted name gives. Its last part is an attribute first (``wpsstats.read.report``
    is the function the package exports, not the module of the same name); the parts before it are
    modules first (``wpsstats.read.report.report`` goes through that module)."""
    parts = dotted.split(".")
    if parts[0] != "wpsstats":
        return None
    obj: Any = importlib.import_module("wpsstats")
    for i, part in enumerate(parts[1:], start=1):
        if i == len(parts) - 1 and hasattr(obj, part):
            return getattr(obj, part)
        try:
            obj = importlib.import_module(".".join(parts[: i + 1]))
        except ImportError:
            if not hasattr(obj, part):
                return None
            obj = getattr(obj, part)
    return obj


def _resolve_alias(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to a name re-exported elsewhere (``wpsstats.rate`` for
    ``wpsstats.rates.rate``) to the page of the object it names."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"].lstrip("~.")
    module = node.get("py:module") or ""
    prefixes = [module.rsplit(".", i)[0] for i in range(module.count(".") + 1)] if module else []
    domain = env.get_domain("py")
    for name in [target, *(f"{p}.{target}" for p in prefixes)]:
        obj = lookup(name)
        if obj is None:
            continue
        for path in sorted(_paths_of(obj) & set(domain.objects)):
            found = domain.resolve_xref(
                env, node["refdoc"], app.builder, "obj", path, node, contnode
            )
            if found is not None:
                return found
    return None


@functools.cache
def _exports() -> dict[int, set[str]]:
    """Each public object (by identity) with the paths its modules export it under."""
    paths: dict[int, set[str]] = {}
    for modname in public_modules():
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", []):
            if not name.startswith("__"):  # __version__ is a string, not an API page
                paths.setdefault(id(getattr(module, name)), set()).add(f"{modname}.{name}")
    return paths


def _paths_of(obj: Any) -> set[str]:
    """Every dotted path a public object is reachable by: where it is defined and where exported."""
    paths = set(_exports().get(id(obj), ()))
    home = getattr(obj, "__module__", None)
    if isinstance(home, str) and hasattr(obj, "__qualname__"):
        paths.add(f"{home}.{obj.__qualname__}")
    return paths


# --- MathJax from an installed package, not from a CDN -----------------------------------------


def _copy_mathjax(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    import mathjax  # the django-static-mathjax package: MathJax's own files, nothing of Django

    es5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    target = Path(app.outdir) / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(es5 / "tex-svg.js", target / "tex-svg.js")
    # TeX packages beyond the base set (boldsymbol, cancel, ...) load on first use from here
    shutil.copytree(es5 / "input" / "tex", target / "input" / "tex", dirs_exist_ok=True)


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _generate)
    app.connect("source-read", _fill_datasets)
    app.connect("env-check-consistency", _check_api)
    app.connect("build-finished", _copy_mathjax)
    app.connect("missing-reference", _resolve_alias)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
