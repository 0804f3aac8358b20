"""Execute every notebook and write its HTML report under ``build/`` (``make reproduce``).

Each notebook in this folder runs top to bottom in a fresh kernel, with this folder as its working
directory; a failing cell (a published figure that no longer reproduces) stops the run.
``country_profile.ipynb``, where present, is a template: it is run once per G5 Sahel country with
papermill into ``build/profiles/<ISO3>.html``.

Use ``--update`` to also write the executed outputs back into the committed notebooks, which is how
their outputs are refreshed after a deliberate change (the test suite compares against them).
"""

from __future__ import annotations

import argparse
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


def write_html(nb: nbformat.NotebookNode, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    body, _ = HTMLExporter().from_notebook_node(nb)
    target.write_text(body, encoding="utf-8")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE.parent / "build")
    parser.add_argument(
        "--update", action="store_true", help="write outputs back into the notebooks"
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    for path in sorted(HERE.glob("*.ipynb")):
        if path.name == TEMPLATE:
            continue
        t0 = time.perf_counter()
        nb = execute(path)
        write_html(nb, args.out / f"{path.stem}.html")
        if args.update:
            nbformat.write(nb, path)
        print(
            f"{path.name}: {time.perf_counter() - t0:.1f} s -> {args.out / (path.stem + '.html')}"
        )
    if (HERE / TEMPLATE).is_file():
        run_profiles(args.out)
    print(f"all notebooks: {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
