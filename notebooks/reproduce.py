"""Execute every notebook and write its HTML report under ``build/`` (``make reproduce``).

Each notebook in this folder runs top to bottom in a fresh kernel, with this folder as its working
directory; a failing cell (a published figure that no longer reproduces) stops the run.
``country_profile.ipynb``, where present, is a template: it is run once per G5 Sahel country with
papermill into ``build/profiles/<ISO3>.html``.

Each report is written for two readers: the full notebook with its code for the analyst
(``build/<name>.html``) and a briefing without code -- findings, tables, charts and their source
lines -- for everyone else (``build/briefing/<name>.html``). ``build/index.html`` links them all,
with a one-line summary each.

Use ``--update`` to also write the executed outputs back into the committed notebooks, which is how
their outputs are refreshed after a deliberate change (the test suite compares against them).
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

HERE = Path(__file__).resolve().parent
TEMPLATE = "country_profile.ipynb"
G5_SAHEL = ["BFA", "MLI", "MRT", "NER", "TCD"]
# The kernel warns at every start that its local TCP sockets are not encrypted; it talks only to
# this process on this machine, so the notice is noise. So is a KeyboardInterrupt logged while a
# finished kernel shuts down. A failing cell or a dead kernel still stops the run (nbclient).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook in a fresh kernel, in its own folder, and return it with its outputs."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        extra_arguments=KERNEL_ARGUMENTS,
        # no per-cell timestamps: re-running a notebook should change only what it computes
        record_timing=False,
    ).execute()
    for cell in nb.cells:
        cell.get("metadata", {}).pop("execution", None)
    return nb


def without_repeated_parameters(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without its template's default parameters where papermill injected a run's
    own: a profile shows ``geo = "NER"`` once, not ``geo = "MLI"`` and then ``geo = "NER"``."""
    tagged = [set(cell.get("metadata", {}).get("tags", [])) for cell in nb.cells]
    if not any("injected-parameters" in tags for tags in tagged):
        return nb
    out = copy.deepcopy(nb)
    out.cells = [c for c, tags in zip(nb.cells, tagged, strict=True) if "parameters" not in tags]
    return out


def title_of(nb: nbformat.NotebookNode, default: str) -> str:
    """The notebook's first level-one heading, else ``default``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def summary_of(nb: nbformat.NotebookNode) -> str:
    """One line for the index: the first sentence after the notebook's title."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.startswith("#")]
        paragraph = " ".join(" ".join(lines).split())
        if paragraph:
            # a sentence ends at ". " before a capital; "p. 4" or "e.g. the" do not end one
            first = re.split(r"(?<=[a-z0-9)][.!?]) (?=[A-Z])", paragraph, maxsplit=1)[0]
            # one line: an aside after a dash is for the notebook itself
            head, dash, _ = first.partition(" — ")
            return f"{head.rstrip('.,;:')}." if dash else first
    return ""


def _footer(text: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(text)
    cell["id"] = "reproduce-footer"
    return cell


def write_html(nb: nbformat.NotebookNode, target: Path, *, briefing: Path | None = None) -> None:
    """Write the analyst's report (the notebook with its code) to ``target`` and, given a
    ``briefing`` path, the same report without code there."""
    nb = without_repeated_parameters(nb)
    title = title_of(nb, target.stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    resources = {"metadata": {"name": title}}
    body, _ = HTMLExporter().from_notebook_node(nb, resources=copy.deepcopy(resources))
    target.write_text(body, encoding="utf-8")
    if briefing is None:
        return
    short = copy.deepcopy(nb)
    # The briefing keeps what a code cell shows (tables, charts, printed findings), not the code;
    # a cell that shows nothing would leave an empty block.
    short.cells = [c for c in short.cells if c.cell_type != "code" or c.get("outputs")]
    back = Path(os.path.relpath(target, briefing.parent)).as_posix()
    short.cells.append(
        _footer(
            f"*A briefing: the [full report with its code]({back}) shows how every number "
            "here was computed and checked.*"
        )
    )
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(short, resources=copy.deepcopy(resources))
    briefing.parent.mkdir(parents=True, exist_ok=True)
    briefing.write_text(body, encoding="utf-8")


def run_profiles(out: Path) -> None:
    import papermill as pm

    for geo in G5_SAHEL:
        executed = out / "profiles" / f"{geo}.ipynb"
        executed.parent.mkdir(parents=True, exist_ok=True)
        pm.execute_notebook(
            str(HERE / TEMPLATE),
            str(executed),
            parameters={"geo": geo},
            cwd=str(HERE),
            progress_bar=False,
            extra_arguments=KERNEL_ARGUMENTS,
        )
        write_html(nbformat.read(executed, as_version=4), out / "profiles" / f"{geo}.html")
        print(f"  profile {geo}: {out / 'profiles' / f'{geo}.html'}")


def profile_entries(out: Path) -> list[tuple[str, str, Path, Path]]:
    """Write the briefing of every executed profile under ``out/profiles`` and return its entry
    for the index: (title, summary, full report, briefing)."""
    import wpsstats as wps

    names = wps.load("wdi_parliament_world").drop_duplicates("geo").set_index("geo")["geo_name"]
    entries = []
    for executed in sorted((out / "profiles").glob("*.ipynb")):
        geo = executed.stem
        found = names.get(geo)
        name = found if isinstance(found, str) else geo
        full = out / "profiles" / f"{geo}.html"
        briefing = out / "briefing" / "profiles" / f"{geo}.html"
        write_html(nbformat.read(executed, as_version=4), full, briefing=briefing)
        summary = f"What the bundled data hold about {name}, and what they do not."
        entries.append((f"Country profile: {name} ({geo})", summary, full, briefing))
    return entries


def write_index(entries: list[tuple[str, str, Path, Path]], out: Path) -> Path:
    """``out/index.html``: every report's briefing and full version, with a one-line summary,
    rendered by nbconvert like the reports themselves."""
    lines = [
        "# wpsstats reports",
        "",
        "Each report comes twice: a **briefing** with the findings, tables and charts, and the "
        "**full report** with the code that computes and checks every number "
        "(`make reproduce` writes both).",
        "",
    ]
    for title, summary, full, briefing in entries:
        lines.append(
            f"- **[{title}]({briefing.relative_to(out).as_posix()})** — {summary} "
            f"([full report]({full.relative_to(out).as_posix()}))"
        )
    index = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("\n".join(lines))])
    index.cells[0]["id"] = "reports-index"
    body, _ = HTMLExporter(
        exclude_input_prompt=True, exclude_output_prompt=True
    ).from_notebook_node(index, resources={"metadata": {"name": "wpsstats reports"}})
    target = out / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "build")
    parser.add_argument(
        "--update", action="store_true", help="write outputs back into the notebooks"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    entries = []
    for path in sorted(HERE.glob("*.ipynb")):
        if path.name == TEMPLATE:
            continue
        t0 = time.perf_counter()
        nb = execute(path)
        full = args.out / f"{path.stem}.html"
        briefing = args.out / "briefing" / f"{path.stem}.html"
        write_html(nb, full, briefing=briefing)
        entries.append((title_of(nb, path.stem), summary_of(nb), full, briefing))
        if args.update:
            nbformat.write(nb, path)
        print(f"{path.name}: {time.perf_counter() - t0:.1f} s -> {full}, {briefing}")
    if (HERE / TEMPLATE).is_file():
        run_profiles(args.out)
        entries += profile_entries(args.out)
    print(f"index: {write_index(entries, args.out)}")
    print(f"all notebooks: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
