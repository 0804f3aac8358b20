"""Open every page of the reports and the documentation site in headless Chromium, and check it.

A page fails when what a reader sees holds raw markup (``:func:``, ``:math:`` or another Sphinx
role, ``.. [`` of a references list, ``\\(`` of an unrendered formula), when an image on it does
not load, or when the browser logs an error (a script that throws, a file that does not load).
The check reports every page, and keeps three screenshots under ``build/screenshots/``: the
site's home page, an API page with math, and a report.

    python docs/browser_check.py                # build the reports and the site, then check
    python docs/browser_check.py --no-build     # check what build/ holds
    python docs/browser_check.py --committed    # reports from the notebooks' committed outputs

The reports are built by ``notebooks/reproduce.py`` (``--committed`` renders the outputs the
notebooks were committed with instead of executing them, which takes seconds); the site by
``make docs``, whatever that builds at the time. Pages of the old MkDocs site (issue 18 item 1:
it prints numpydoc markup raw) are checked and reported but do not fail the check unless
``--strict-mkdocs`` is given.

Chromium is Debian's ``chromium`` (``apt-get install chromium``), started with no network access
and driven through its DevTools protocol (``websocket-client``, in the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import base64
import functools
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# what a reader must never see: Sphinx roles, a references list as typed, an unrendered formula
RAW_MARKUP = re.compile(r":(?:func|math|class|meth|mod|data|attr|ref|doc|obj):`|\.\. \[|\\\(")
# After load, wait for MathJax to typeset, then try to decode every image (lazy ones too).
PAGE_SCRIPT = """
(async () => {
  const settle = (p, ms) => Promise.race([p, new Promise(r => setTimeout(r, ms))]);
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await settle(MathJax.startup.promise, 10000);
  }
  const broken = [];
  for (const img of Array.from(document.images)) {
    img.loading = "eager";
    try {
      await settle(img.decode(), 10000);
      if (img.complete && img.naturalWidth === 0) broken.push(img.currentSrc || img.src);
    } catch (e) {
      broken.push(img.currentSrc || img.src);
    }
  }
  const generator = document.querySelector('meta[name="generator"]');
  return {
    text: document.body ? document.body.innerText : "",
    broken: broken,
    generator: generator ? generator.content : "",
    math: document.querySelectorAll("mjx-container, .MathJax, .katex").length,
  };
})()
"""


@dataclass
class PageResult:
    """What the check found on one page."""

    path: str
    kind: str  # "report" or "site"
    generator: str = ""
    raw: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    math: int = 0

    @property
    def problems(self) -> list[str]:
        return (
            [f"raw markup: {r}" for r in self.raw]
            + [f"broken image: {i}" for i in self.broken_images]
            + [f"console error: {e}" for e in self.console_errors]
        )

    @property
    def old_toolchain(self) -> bool:
        return self.generator.lower().startswith("mkdocs")


# --------------------------------------------------------------------------------------------
# build and serve
# --------------------------------------------------------------------------------------------


def build_reports(out: Path, *, committed: bool) -> None:
    """The reports under ``out``: executed (``make reproduce``'s script) or, with
    ``committed``, rendered from the outputs the notebooks were committed with."""
    if not committed:
        script = ROOT / "notebooks" / "reproduce.py"
        subprocess.run([sys.executable, str(script), "--out", str(out)], check=True)
        return
    sys.path.insert(0, str(ROOT / "notebooks"))
    import nbformat
    import reproduce  # type: ignore[import-not-found]

    # the profile templates are run per place by papermill; as make reproduce, not as reports
    templates = {reproduce.TEMPLATE, getattr(reproduce, "REGION_TEMPLATE", reproduce.TEMPLATE)}
    entries = []
    for path in sorted(reproduce.HERE.glob("*.ipynb")):
        if path.name in templates:
            continue
        nb = nbformat.read(path, as_version=4)
        full, briefing = out / f"{path.stem}.html", out / "briefing" / f"{path.stem}.html"
        reproduce.write_html(nb, full, briefing=briefing)
        entries.append(
            (reproduce.title_of(nb, path.stem), reproduce.summary_of(nb), full, briefing)
        )
    reproduce.write_index(entries, out)


def build_site() -> None:
    subprocess.run(["make", "docs"], cwd=ROOT, check=True)


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free localhost port for the duration; yields the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------------------------
# the browser
# --------------------------------------------------------------------------------------------


def find_chromium() -> str | None:
    """The path of Debian's chromium (or another Chromium-based browser), else None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


class DevTools:
    """One page of a headless Chromium, driven through the DevTools protocol."""

    def __init__(self, ws_url: str) -> None:
        import websocket  # websocket-client

        self._ws = websocket.create_connection(ws_url, timeout=60, suppress_origin=True)
        self._id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self._ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout:g} s")
            self._ws.settimeout(max(0.1, deadline - time.monotonic()))
            self.events.append(json.loads(self._ws.recv()))
        self._ws.settimeout(60)

    def close(self) -> None:
        self._ws.close()


@contextmanager
def chromium(executable: str) -> Iterator[DevTools]:
    """A headless Chromium with no network access and a throw-away profile."""
    with tempfile.TemporaryDirectory(prefix="wps-chromium-", ignore_cleanup_errors=True) as profile:
        args = [executable, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0"]
        # its own process group: the browser's helper processes end with it
        process = subprocess.Popen(
            [*args, "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            deadline = time.monotonic() + 30
            while not (port_file.is_file() and port_file.read_text().strip()):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{executable} did not start (exit {process.poll()})")
                time.sleep(0.1)
            port = port_file.read_text().split()[0]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
                targets = json.load(answer)
            page = next(t for t in targets if t.get("type") == "page")
            tools = DevTools(page["webSocketDebuggerUrl"])
            for domain in ("Page", "Runtime", "Log"):
                tools.call(f"{domain}.enable")
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=1280,
                height=900,
                deviceScaleFactor=1,
                mobile=False,
            )
            try:
                yield tools
            finally:
                tools.close()
        finally:
            _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    """End the browser and its helpers: the process group it leads, and only that."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=10)
            break
        except subprocess.TimeoutExpired:
            continue


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            errors.append(str(text).splitlines()[0] if text else "exception")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            errors.append(
                " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
                )
            )
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            if str(entry.get("url", "")).endswith("/favicon.ico"):
                continue  # the browser asks for one on its own; a page that links one is checked
            errors.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
    return errors


def _raw_markup(text: str) -> list[str]:
    found = []
    for match in RAW_MARKUP.finditer(text):
        start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
        found.append(" ".join(text[start:end].split()))
        if len(found) == 3:
            break
    return found


def check_page(tools: DevTools, url: str, path: str, kind: str) -> PageResult:
    tools.events.clear()
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired")
    result = tools.call(
        "Runtime.evaluate", expression=PAGE_SCRIPT, awaitPromise=True, returnByValue=True
    )
    value = result.get("result", {}).get("value") or {}
    found = PageResult(path=path, kind=kind, generator=str(value.get("generator", "")))
    found.raw = _raw_markup(str(value.get("text", "")))
    found.broken_images = [str(src)[:120] for src in value.get("broken", [])]
    found.console_errors = _console_errors(tools.events)
    found.math = int(value.get("math", 0))
    return found


def screenshot(tools: DevTools, url: str, target: Path, *, focus: str | None = None) -> None:
    """A 1280x900 PNG of the page, scrolled to the first element matching ``focus``."""
    tools.events.clear()
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired")
    tools.call("Runtime.evaluate", expression=PAGE_SCRIPT, awaitPromise=True, returnByValue=True)
    if focus:
        scroll = f"document.querySelector({json.dumps(focus)})?.scrollIntoView({{block: 'center'}})"
        tools.call("Runtime.evaluate", expression=scroll)
        time.sleep(0.3)
    shot = tools.call("Page.captureScreenshot", format="png")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(base64.b64decode(shot["data"]))


# --------------------------------------------------------------------------------------------
# the pages
# --------------------------------------------------------------------------------------------


def report_pages(build: Path) -> list[Path]:
    """The reports ``make reproduce`` writes: the index, the full reports, the briefings."""
    pages = [p for p in [build / "index.html", *sorted(build.glob("*.html"))] if p.is_file()]
    for folder in ("briefing", "profiles"):
        pages += sorted((build / folder).rglob("*.html"))
    return list(dict.fromkeys(pages))


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, but the source listings Sphinx copies beside it."""
    skip = {"_sources", "_static", "_modules", "_images", "assets"}
    return sorted(p for p in site.rglob("*.html") if not skip & set(p.relative_to(site).parts))


def check(
    build: Path, sites: list[Path], *, executable: str, screenshots: Path | None
) -> list[PageResult]:
    """Open every report and site page under ``build`` and return what was found on each."""
    pages = [(p, "report") for p in report_pages(build)]
    for site in sites:
        pages += [(p, "site") for p in site_pages(site)]
    results = []
    with serve(build) as base, chromium(executable) as tools:
        for page, kind in pages:
            rel = page.relative_to(build).as_posix()
            results.append(check_page(tools, base + rel, rel, kind))
        if screenshots is not None:
            focus = {"api-math": "mjx-container, .katex", "report": "img"}
            for name, rel in _screenshot_pages(results, sites, build).items():
                screenshot(tools, base + rel, screenshots / f"{name}.png", focus=focus.get(name))
    return results


def _screenshot_pages(results: list[PageResult], sites: list[Path], build: Path) -> dict[str, str]:
    """home, an API page with math, a report (a briefing where there is one)."""
    chosen: dict[str, str] = {}
    if sites and (sites[0] / "index.html").is_file():
        chosen["home"] = (sites[0] / "index.html").relative_to(build).as_posix()
    api = [r for r in results if r.kind == "site" and "api" in r.path and r.math]
    if api:
        chosen["api-math"] = max(api, key=lambda r: r.math).path
    reports = [r.path for r in results if r.kind == "report" and r.path.startswith("briefing/")]
    reports += [r.path for r in results if r.kind == "report"]
    if reports:
        chosen["report"] = next((p for p in reports if "sahel" in p), reports[0])
    return chosen


def enforced(result: PageResult, *, strict_mkdocs: bool = False) -> bool:
    """Whether a page's problems fail the check: all but the old MkDocs site's."""
    return strict_mkdocs or not result.old_toolchain


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build", help="the build folder")
    parser.add_argument("--site", type=Path, action="append", help="a built site (repeatable)")
    parser.add_argument("--no-build", action="store_true", help="check what is there")
    parser.add_argument("--committed", action="store_true", help="reports from committed outputs")
    parser.add_argument("--strict-mkdocs", action="store_true", help="fail on MkDocs pages too")
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        print("no chromium: install it (apt-get install -y chromium) to run the check")
        return 2
    build = args.build.absolute()
    if not args.no_build:
        build_reports(build, committed=args.committed)
        build_site()
    sites = list(args.site) if args.site else [build / "site"]
    sites = [s for s in sites if (s / "index.html").is_file()]
    start = time.perf_counter()
    results = check(build, sites, executable=executable, screenshots=build / "screenshots")
    failed = 0
    for result in results:
        problems = result.problems
        counted = enforced(result, strict_mkdocs=args.strict_mkdocs)
        status = "ok" if not problems else ("FAIL" if counted else "known (MkDocs)")
        failed += bool(problems) and counted
        print(f"{status:15} {result.kind:6} {result.path}")
        for problem in problems:
            print(f"{'':15} {problem}")
    print(
        f"{len(results)} pages in {time.perf_counter() - start:.0f} s: {failed} failed; "
        f"screenshots in {build / 'screenshots'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
