"""One Jupyter kernel that runs profile after profile (``make profiles``, ``make reproduce``).

papermill starts a fresh kernel for every notebook it runs. For 234 profiles that is most of the
time: a profile's own cells take under a second, while starting a kernel and importing pandas,
matplotlib, scipy and wpsstats into it take about three. Here one kernel runs many profiles in turn.
Before each, what the previous profile left is cleared -- its variables, its figures, and Python's
record of the warnings it has shown, so that each profile shows its own warnings as a fresh kernel
would -- while the imported modules stay. The parameters are injected by papermill's own
``parameterize_notebook``, so a profile reads exactly as a papermill run of it; the execution counts
are renumbered from 1 as in a fresh kernel. ``tests/test_country_profile.py`` checks that profiles
run one after another in one kernel equal fresh papermill runs of the same places.
"""

from __future__ import annotations

import copy
from pathlib import Path
from types import TracebackType
from typing import Any

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

__all__ = ["ProfileKernel", "outputs_of"]

# Run hidden before each profile. A figure left open would be drawn again by the inline backend;
# a warning's registry entry would silence it in every later profile (Python shows a warning once
# per place in the code under the default filter). pyplot is closed only where a profile has
# imported it, so the first profile meets the same kernel as a papermill run does.
_CLEAR = """\
%reset -f
import sys as _sys
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
for _module in list(_sys.modules.values()):
    _registry = getattr(_module, "__dict__", {}).get("__warningregistry__")
    if _registry:
        _registry.clear()
del _sys, _module, _registry
"""


class ProfileKernel:
    """A kernel started once in ``cwd`` that runs the templates' profiles one after another.

    Use it as a context manager, which shuts the kernel down at the end::

        with ProfileKernel(cwd=HERE, extra_arguments=[...]) as kernel:
            nb = kernel.run(template, {"geo": "NER"})
    """

    def __init__(self, *, cwd: Path, extra_arguments: list[str], timeout: int = 600) -> None:
        self.cwd = cwd
        self.timeout = timeout
        self.manager = KernelManager(kernel_name="python3")  # the templates' kernel
        self.manager.start_kernel(extra_arguments=extra_arguments, cwd=str(cwd))
        self._templates: dict[Path, nbformat.NotebookNode] = {}

    def __enter__(self) -> ProfileKernel:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.manager.shutdown_kernel(now=True)

    def run(self, template: Path, parameters: dict[str, Any]) -> nbformat.NotebookNode:
        """The template executed with ``parameters`` injected, as papermill would give it."""
        from papermill.iorw import load_notebook_node
        from papermill.parameterize import parameterize_notebook

        if template not in self._templates:
            self._templates[template] = load_notebook_node(str(template))
        # papermill writes the parameters into the notebook it is given: give it a copy
        nb = parameterize_notebook(
            copy.deepcopy(self._templates[template]),
            parameters,
            kernel_name="python3",
            language="python",
        )
        clear = nbformat.v4.new_code_cell(_CLEAR)
        nb.cells.insert(0, clear)
        client = NotebookClient(
            nb,
            km=self.manager,
            timeout=self.timeout,
            resources={"metadata": {"path": str(self.cwd)}},
            record_timing=False,
        )
        try:
            client.execute()
        except DeadKernelError:
            # the next profile gets a new kernel; this one's failure is reported by the caller
            self.manager.restart_kernel(now=True)
            raise
        finally:
            nb.cells.remove(clear)
            # nbclient closes the channels it opened only with a kernel of its own: each run
            # left four sockets to the garbage collector (a ResourceWarning at any later moment)
            if client.kc is not None:
                client.kc.stop_channels()
        return numbered_from_one(nb)


def numbered_from_one(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execution counts 1, 2, ... in cell order, as a fresh kernel numbers them (a shared kernel
    counts on from the profiles before; a page that leaves out a cell must not skip its number)."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count
    return nb


def outputs_of(nb: nbformat.NotebookNode) -> list[tuple[str, int | None, list[dict[str, Any]]]]:
    """What a reader sees of each code cell, to compare two runs: its source, execution count and
    outputs without their metadata, consecutive text on the same stream joined (a kernel flushes
    printed text in pieces that depend on timing)."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs: list[dict[str, Any]] = []
        for output in cell.get("outputs", []):
            shown = {k: v for k, v in output.items() if k != "metadata"}
            previous = outputs[-1] if outputs else {}
            if shown.get("output_type") == previous.get("output_type") == "stream" and (
                shown.get("name") == previous.get("name")
            ):
                previous["text"] += shown["text"]
            else:
                outputs.append(shown)
        cells.append((cell.source, cell.get("execution_count"), outputs))
    return cells
