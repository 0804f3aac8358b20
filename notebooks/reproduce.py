"""Execute every notebook and write its HTML report under ``build/`` (``make reproduce``).

Each notebook in this folder runs top to bottom in a fresh kernel, with this folder as its working
directory; a failing cell (a published figure that no longer reproduces) stops the run.
``country_profile.ipynb`` and ``region_profile.ipynb`` are templates, run with papermill's
parameters in one shared kernel (``profile_kernel.py``): the first once per G5 Sahel country into
``build/profiles/<ISO3>.html``, the second once per grouping of the seed (G5S, SAH4, SAH) into
``build/profiles/regions/<code>.html``. ``--profiles all`` (``make profiles``) renders every
country and region instead, two kernels at a time, with
``build/profiles/index.html`` linking them all.

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
from profile_kernel import ProfileKernel, numbered_from_one

HERE = Path(__file__).resolve().parent
TEMPLATE = "country_profile.ipynb"
REGION_TEMPLATE = "region_profile.ipynb"
G5_SAHEL = ["BFA", "MLI", "MRT", "NER", "TCD"]
# the seed's own groupings: the G5 Sahel, its poverty figure's four countries, the Sahel as printed
SEED_REGIONS = ["G5S", "SAH4", "SAH"]
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
    own: a profile shows ``geo = "NER"`` once, not ``geo = "MLI"`` and then ``geo = "NER"``, and
    its cells are numbered from 1, so that no reader looks for a cell [1] that is not shown."""
    tagged = [set(cell.get("metadata", {}).get("tags", [])) for cell in nb.cells]
    if not any("injected-parameters" in tags for tags in tagged):
        return nb
    out = copy.deepcopy(nb)
    out.cells = [c for c, tags in zip(out.cells, tagged, strict=True) if "parameters" not in tags]
    return numbered_from_one(out)


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


# nbconvert's lab template, without the two scripts it fetches from a CDN: require.js (for
# widgets, which no report has) and MathJax (no report has math; a formula would stay raw, which
# docs/browser_check.py reports). A report then opens offline with no console error.
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
"""


def exporter(*, briefing: bool = False) -> HTMLExporter:
    """nbconvert's HTML exporter for a report: the full notebook, or (``briefing``) its outputs
    and text without code or prompts."""
    from jinja2 import DictLoader

    hide = {"exclude_input": True, "exclude_input_prompt": True, "exclude_output_prompt": True}
    return HTMLExporter(
        extra_loaders=[DictLoader({"offline.html.j2": _OFFLINE_TEMPLATE})],
        template_file="offline.html.j2",
        **(hide if briefing else {}),
    )


# pandas' HTML table: its header (one row of column names) and each body row, which opens with
# the row's index label in a <th>
_TABLE = re.compile(r"<table[^>]*class=\"dataframe\"[^>]*>.*?</table>", re.S)
_HEAD = re.compile(r"<thead>\s*<tr[^>]*>\s*<th></th>(.*?)</tr>\s*</thead>", re.S)
_ROW_NUMBER = re.compile(r"(<tr[^>]*>\s*)<th>-?\d+</th>")


def _without_row_numbers(table: str) -> str:
    """A pandas table without its index column when that index is only row numbers (an unnamed
    index of integers: 0, 1, 2 or rows picked out of a larger frame), which a reader of the
    briefing would take for data. A named index, labels or several header rows are kept."""
    head = _HEAD.search(table)
    if head is None or "<tr" in head.group(1):
        return table
    body = table[head.end() :]
    rows = body.count("<tr")
    if rows == 0 or len(_ROW_NUMBER.findall(body)) != rows or "rowspan" in body:
        return table
    head_html = head.group(0).replace("<th></th>", "", 1)
    return table[: head.start()] + head_html + _ROW_NUMBER.sub(r"\1", body)


def without_row_numbers(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook with every table's row numbers dropped (:func:`_without_row_numbers`), for
    the briefing; the full report keeps them, for the analyst who reads ``.loc`` in the code."""
    out = copy.deepcopy(nb)
    for cell in out.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                html = data["text/html"]
                html = "".join(html) if isinstance(html, list) else html
                data["text/html"] = _TABLE.sub(lambda m: _without_row_numbers(m.group(0)), html)
    return out


def write_html(nb: nbformat.NotebookNode, target: Path, *, briefing: Path | None = None) -> None:
    """Write the analyst's report (the notebook with its code) to ``target`` and, given a
    ``briefing`` path, the same report without code there."""
    nb = without_repeated_parameters(nb)
    title = title_of(nb, target.stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    resources = {"metadata": {"name": title}}
    body, _ = exporter().from_notebook_node(nb, resources=copy.deepcopy(resources))
    target.write_text(body, encoding="utf-8")
    if briefing is None:
        return
    short = without_row_numbers(nb)
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
    body, _ = exporter(briefing=True).from_notebook_node(short, resources=copy.deepcopy(resources))
    briefing.parent.mkdir(parents=True, exist_ok=True)
    briefing.write_text(body, encoding="utf-8")


# each kind of profile: its template, the template's parameter, and its folder under profiles/
PROFILE_TEMPLATES = {
    "country": (TEMPLATE, "geo", "."),
    "region": (REGION_TEMPLATE, "region", "regions"),
}


def run_profile(
    kernel: ProfileKernel, kind: str, code: str, out: Path
) -> tuple[Path, nbformat.NotebookNode]:
    """Run one profile template in ``kernel``, write the executed notebook into ``out/profiles``
    -- a country (``kind="country"``) as ``<ISO3>.ipynb``, a region as ``regions/<code>.ipynb``
    -- and return its path and the notebook."""
    template, parameter, folder = PROFILE_TEMPLATES[kind]
    executed = out / "profiles" / folder / f"{code}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    nb = kernel.run(HERE / template, {parameter: code})
    nbformat.write(nb, executed)
    return executed, nb


def profile_kernel() -> ProfileKernel:
    """A kernel for profiles, started in this folder, as ``execute`` runs the notebooks."""
    return ProfileKernel(cwd=HERE, extra_arguments=KERNEL_ARGUMENTS)


def run_profiles(out: Path) -> None:
    """The profiles ``make reproduce`` builds: the G5 Sahel countries and the seed's groupings,
    executed; their reports are written with the index (:func:`profile_entries`,
    :func:`region_entries`)."""
    with profile_kernel() as kernel:
        for geo in G5_SAHEL:
            executed, _ = run_profile(kernel, "country", geo, out)
            print(f"  profile {geo}: {executed.with_suffix('.html')}")
        if (HERE / REGION_TEMPLATE).is_file():
            for region in SEED_REGIONS:
                executed, _ = run_profile(kernel, "region", region, out)
                print(f"  region profile {region}: {executed.with_suffix('.html')}")


def region_entries(out: Path, codes: list[str]) -> list[tuple[str, str, Path, Path]]:
    """Write the full report and briefing of each executed region profile of ``codes`` and return
    its entry for the index, as :func:`profile_entries` does for countries."""
    import wpsstats as wps

    names = wps.load("regions").drop_duplicates("region").set_index("region")["name"]
    entries = []
    for code in codes:
        executed = out / "profiles" / "regions" / f"{code}.ipynb"
        if not executed.is_file():
            continue
        name = str(names.get(code, code))
        full = executed.with_suffix(".html")
        briefing = out / "briefing" / "profiles" / "regions" / f"{code}.html"
        write_html(nbformat.read(executed, as_version=4), full, briefing=briefing)
        summary = f"The members of {name} side by side, pooled where counts add up."
        entries.append((f"Region profile: {name} ({code})", summary, full, briefing))
    return entries


def every_place() -> list[tuple[str, str]]:
    """Every country and region ``make profiles`` renders: each non-aggregate code of the World
    Bank's parliament extract, each member of a bundled grouping, and each grouping."""
    import wpsstats as wps

    wdi = wps.load("wdi_parliament_world")
    regions = wps.load("regions")
    countries = set(wdi.loc[~wdi["is_aggregate"].astype(bool), "geo"])
    countries |= set(regions["member"].dropna())
    places = [("country", str(geo)) for geo in sorted(countries)]
    return places + [("region", str(r)) for r in regions["region"].drop_duplicates()]


def _render(places: list[tuple[str, str]], out: Path) -> list[tuple[str, str, str | None]]:
    """A worker's job: each place's profile executed in one kernel and written as HTML (full
    report and briefing); returns (kind, code, error or None) for each."""
    done: list[tuple[str, str, str | None]] = []
    with profile_kernel() as kernel:
        for kind, code in places:
            try:
                executed, nb = run_profile(kernel, kind, code, out)
                sub = executed.parent.relative_to(out)
                write_html(
                    nb,
                    executed.with_suffix(".html"),
                    briefing=out / "briefing" / sub / f"{code}.html",
                )
            except Exception as error:  # a failing profile is reported, the others still run
                done.append((kind, code, f"{type(error).__name__}: {str(error)[:300]}"))
            else:
                done.append((kind, code, None))
    return done


# Places per job: each job starts one kernel (about 3 s) and runs its places in it, so a larger
# batch saves kernel starts and a smaller one moves the progress bar more often.
BATCH = 16


def run_every_profile(out: Path, *, workers: int = 2) -> int:
    """``make profiles``: every country and region, ``workers`` at a time (a process pool, each
    job running a batch of places in one kernel), with a progress bar; then
    ``out/profiles/index.html``."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm import tqdm

    places = every_place()
    start = time.perf_counter()
    failed: list[str] = []
    batches = [places[i : i + BATCH] for i in range(0, len(places), BATCH)]
    with (
        ProcessPoolExecutor(max_workers=workers) as pool,
        tqdm(total=len(places), desc="profiles", unit="place") as progress,
    ):
        jobs = {pool.submit(_render, batch, out): batch for batch in batches}
        for job in as_completed(jobs):
            try:
                done = job.result()
            except Exception as error:  # the batch's kernel did not start: its places failed
                reason = f"{type(error).__name__}: {str(error)[:300]}"
                done = [(kind, code, reason) for kind, code in jobs[job]]
            for kind, code, reason in done:
                if reason is not None:
                    failed.append(f"{kind} {code}: {reason}")
                progress.update()
    index = write_profiles_index(places, out)
    elapsed = time.perf_counter() - start
    print(f"{len(places) - len(failed)} of {len(places)} profiles in {elapsed:.0f} s -> {index}")
    for line in failed:
        print("  failed:", line, file=sys.stderr)
    return 1 if failed else 0


def write_profiles_index(places: list[tuple[str, str]], out: Path) -> Path:
    """``out/profiles/index.html``: every profile's briefing and full report, regions first."""
    import wpsstats as wps
    from wpsstats._countries import short_name

    wdi = wps.load("wdi_parliament_world").drop_duplicates("geo").set_index("geo")["geo_name"]
    regions = wps.load("regions")
    members = regions.dropna(subset=["member"]).drop_duplicates("member")
    names = {**members.set_index("member")["member_name"].to_dict(), **wdi.to_dict()}
    region_names = regions.drop_duplicates("region").set_index("region")["name"].to_dict()
    lines = [
        "# Profiles of every country and region",
        "",
        "What the bundled data hold for each place, and what they do not (`make profiles`). Each "
        "links its **briefing** (findings, tables and charts) and its full report with the code.",
        "",
        "## Regions",
        "",
    ]
    ordered = [p for p in places if p[0] == "region"] + [p for p in places if p[0] == "country"]
    for i, (kind, code) in enumerate(ordered):
        if kind == "country" and (i == 0 or ordered[i - 1][0] == "region"):
            lines += ["", "## Countries", ""]
        sub = "profiles/regions" if kind == "region" else "profiles"
        if kind == "region":
            name = region_names.get(code, code)
        else:  # the profile's own name ("Egypt", not the World Bank's "Egypt, Arab Rep.")
            name = short_name(code) or names.get(code, code)
        full = out / sub / f"{code}.html"
        briefing = out / "briefing" / sub / f"{code}.html"
        if not full.is_file():
            lines.append(f"- {name} ({code}): not rendered")
            continue
        back = Path(os.path.relpath(briefing, out / "profiles")).as_posix()
        lines.append(
            f"- **[{name} ({code})]({back})** "
            f"([full report]({Path(os.path.relpath(full, out / 'profiles')).as_posix()}))"
        )
    index = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("\n".join(lines))])
    index.cells[0]["id"] = "profiles-index"
    body, _ = HTMLExporter(
        exclude_input_prompt=True, exclude_output_prompt=True
    ).from_notebook_node(index, resources={"metadata": {"name": "Profiles"}})
    target = out / "profiles" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    return target


def profile_entries(out: Path, codes: list[str]) -> list[tuple[str, str, Path, Path]]:
    """Write the briefing of each executed country profile of ``codes`` under ``out/profiles``
    and return its entry for the index: (title, summary, full report, briefing). Only the
    profiles ``make reproduce`` builds: the rest of ``make profiles``' are linked from its own
    index (:func:`all_profiles_entry`)."""
    import wpsstats as wps
    from wpsstats._countries import short_name

    names = wps.load("wdi_parliament_world").drop_duplicates("geo").set_index("geo")["geo_name"]
    entries = []
    for geo in codes:
        executed = out / "profiles" / f"{geo}.ipynb"
        if not executed.is_file():
            continue
        found = short_name(geo) or names.get(geo)
        name = found if isinstance(found, str) else geo
        full = out / "profiles" / f"{geo}.html"
        briefing = out / "briefing" / "profiles" / f"{geo}.html"
        write_html(nbformat.read(executed, as_version=4), full, briefing=briefing)
        summary = f"What the bundled data hold about {name}, and what they do not."
        entries.append((f"Country profile: {name} ({geo})", summary, full, briefing))
    return entries


def all_profiles_entry(out: Path) -> list[tuple[str, str, Path, Path]]:
    """The index's entry for ``make profiles``' own index of every place, once it has run."""
    index = out / "profiles" / "index.html"
    if not index.is_file():
        return []
    summary = "What the bundled data hold for every country and region (make profiles)."
    return [("Profiles of every country and region", summary, index, index)]


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
        line = f"- **[{title}]({briefing.relative_to(out).as_posix()})** — {summary}"
        if full != briefing:  # an index of reports is one page, not two
            line += f" ([full report]({full.relative_to(out).as_posix()}))"
        lines.append(line)
    index = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("\n".join(lines))])
    index.cells[0]["id"] = "reports-index"
    body, _ = exporter().from_notebook_node(
        index, resources={"metadata": {"name": "wpsstats reports"}}
    )
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
    parser.add_argument(
        "--profiles",
        choices=["all"],
        help="only the profiles: 'all' renders every country and region (make profiles)",
    )
    parser.add_argument("--workers", type=int, default=2, help="profiles run at a time")
    args = parser.parse_args(argv)
    if args.profiles == "all":
        return run_every_profile(args.out, workers=args.workers)
    start = time.perf_counter()
    entries = []
    for path in sorted(HERE.glob("*.ipynb")):
        if path.name in {TEMPLATE, REGION_TEMPLATE}:
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
        entries += profile_entries(args.out, G5_SAHEL)
        entries += region_entries(args.out, SEED_REGIONS)
        entries += all_profiles_entry(args.out)
    print(f"index: {write_index(entries, args.out)}")
    print(f"all notebooks: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
