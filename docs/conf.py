"""Sphinx configuration: numpydoc docstrings, MyST pages, the notebooks from their stored outputs,
and MathJax served from the build itself (no network at build or read time)."""

from __future__ import annotations

import sys
from pathlib import Path

import wpsstats

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "wpsstats"
author = "wpsstats contributors"
copyright = "wpsstats contributors"
release = version = wpsstats.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",  # MyST Markdown pages and notebooks (it loads myst_parser itself)
    "wpsdocs",  # datasets codebook, the guide's charts, the gallery, the API completeness check
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "_templates", "**.ipynb_checkpoints"]
templates_path = ["_templates"]

# strict: every cross-reference must resolve; types from other libraries in signatures and
# docstrings are not linked (intersphinx would need the network)
nitpicky = True
nitpick_ignore_regex = [(r"py:class", r"(?!wpsstats\b).*")]

# --- API reference --------------------------------------------------------------------------------
# the pages to scan for autosummary tables, listed so that a page new since the last build is seen
autosummary_generate = sorted(str(p.relative_to(DOCS)) for p in (DOCS / "api").glob("*.md"))
autosummary_imported_members = True
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
numpydoc_show_class_members = False
numpydoc_xref_param_type = False
numpydoc_attributes_as_param_list = True

# --- MyST and notebooks ---------------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
nb_execution_mode = "off"  # the gallery shows the outputs the notebooks were committed with
nb_merge_streams = True

# --- math: MathJax 3 from the django-static-mathjax package (no Django needed), copied into the
# build by wpsdocs; tex-svg draws with paths, so no web font has to load
mathjax_path = "mathjax/tex-svg.js"

# --- HTML -----------------------------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = "wpsstats"
html_static_path = ["_static"]
html_css_files = ["wpsstats.css"]
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
    # the whole site in the left sidebar, grouped by the root toctrees' captions, rather than
    # twenty links across the header
    "navbar_center": [],
    "show_toc_level": 2,
    "navbar_end": ["theme-switcher"],
}
html_sidebars = {"**": ["site-nav.html"]}
# the theme reads the reader's stored light/dark mode; on a first visit there is none, and without
# a default its script logs a console error (the browser check fails on console errors)
html_context = {"default_mode": "auto"}
