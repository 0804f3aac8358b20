"""MkDocs hook: write the datasets page from the YAML sidecars, so it cannot drift from the data."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import yaml

MARKER = "<!-- datasets -->"
DATASETS = Path(__file__).resolve().parent.parent / "datasets"


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
    sections = []
    for sidecar in sorted(DATASETS.glob("*.yaml")):
        meta = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
        with open(DATASETS / meta["file"], encoding="utf-8", newline="") as fh:
            rows = sum(1 for _ in csv.reader(fh)) - 1
        sections.append(_section(meta, rows))
    return "\n".join(sections)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if MARKER in markdown:
        return markdown.replace(MARKER, datasets_markdown())
    return markdown


# --- the notebook gallery -------------------------------------------------------------------------

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def _notebook_pages() -> list[tuple[str, str, dict[str, bytes]]]:
    """Each committed notebook as Markdown (with its outputs) plus the images it shows."""
    import nbformat
    from nbconvert import MarkdownExporter

    pages = []
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        exporter = MarkdownExporter()
        body, resources = exporter.from_notebook_node(
            nb, resources={"output_files_dir": f"{path.stem}_files"}
        )
        note = (
            f"*This page is the notebook `notebooks/{path.name}` with the outputs it was committed "
            "with; `make reproduce` executes it again.*\n\n"
        )
        pages.append((path.stem, note + body, dict(resources.get("outputs", {}))))
    return pages


def _gallery_index(pages: list[tuple[str, str, dict[str, bytes]]]) -> str:
    lines = [
        "# Gallery",
        "",
        "The project's notebooks, rendered with their committed outputs. Each loads bundled data,",
        "computes with wpsstats, draws its charts and asserts the published figures it reproduces.",
        "",
    ]
    for stem, body, outputs in pages:
        title = next((ln[2:] for ln in body.splitlines() if ln.startswith("# ")), stem)
        lines.append(f"## [{title}]({stem}.md)")
        first_png = next((name for name in outputs if name.endswith(".png")), None)
        if first_png:
            lines += ["", f"[![{title}]({first_png}){{ width=360 }}]({stem}.md)"]
        lines.append("")
    return "\n".join(lines)


def on_files(files: Any, config: Any, **kwargs: Any) -> Any:
    from mkdocs.structure.files import File

    pages = _notebook_pages()
    for stem, body, outputs in pages:
        files.append(File.generated(config, f"gallery/{stem}.md", content=body))
        for name, data in outputs.items():
            files.append(File.generated(config, f"gallery/{name}", content=data))
    files.append(File.generated(config, "gallery/index.md", content=_gallery_index(pages)))
    if CHARTS_PAGE.is_file():
        for uri, data in _chart_images().items():
            files.append(File.generated(config, uri, content=data))
    return files


# --- chart images of the user guide, drawn from the page's own code at build time ------------

CHARTS_PAGE = Path(__file__).resolve().parent / "user-guide" / "charts.md"


def _chart_images() -> dict[str, bytes]:
    """Run each python block of the charts page and save the chart it draws as the image it names.

    The page shows a code block, then the image that block makes (``![...](charts/NAME.png)``);
    drawing them here keeps the pictures and the code from drifting apart.
    """
    import io
    import re

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
        namespace["ax"].figure.savefig(buffer, format="png", dpi=96)
        plt.close("all")
        out[f"user-guide/{image}"] = buffer.getvalue()
    return out
