"""The site ships only what its pages load.

- MathJax: npm installs all of MathJax 3 (24 MB: every component, every locale's speech rules), and a page
  loads a few files of it. MATHJAX lists them, found by recording every request Chromium makes over every
  page with the menu's explorer turned on; they are copied into _static/ (so `mathjax_path` is
  es5/tex-chtml.js, under _static). A formula that needs another file (a TeX package MathJax autoloads, a
  font) makes a failed request in tests/test_site.py: add the file here. They come from the book's
  node_modules/, or from the folder $COURSE_NODE_MODULES names (scripts/public.py builds the public course
  with the instructor's).
- Font Awesome: pydata-sphinx-theme loads a 1.5 MB script (_static/scripts/fontawesome.js, Font Awesome's
  all.min.js) that turns each `<i class="fa-...">` icon into an inline SVG. The theme's stylesheet
  already draws the same icons from Font Awesome's web fonts, which every page downloads anyway; the
  script is replaced by an empty one, and the icons are the fonts' glyphs.
- Source maps (*.map) and Font Awesome's TrueType fonts (every browser takes the woff2 ones) are left out:
  no page loads them.
"""

import os
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

# The files of node_modules/mathjax (a glob each) that the pages load, and why.
MATHJAX = {
    "es5/tex-chtml.js": "TeX in, HTML out, the menu and assistive MathML: every page with math (`mathjax_path`)",
    "es5/output/chtml/fonts/woff-v2/*.woff": "the fonts; a page loads those its symbols need (about 350 kB for all)",
    "es5/a11y/explorer.js": "the menu's explorer (Accessibility > Activate)",
    "es5/a11y/semantic-enrich.js": "the explorer's semantic enrichment",
    "es5/a11y/sre.js": "the speech-rule engine",
    "es5/input/mml.js": "MathML input, which the enrichment parses",
    "es5/sre/mathmaps/base.json": "the speech rules every locale extends",
    "es5/sre/mathmaps/en.json": "English speech rules",
    "LICENSE": "MathJax's licence (Apache 2.0), which copies of it carry",
}
FONTAWESOME_SCRIPT = "scripts/fontawesome.js"
EMPTY_SCRIPT = "// Emptied by book/_ext/page_weight.py: the icons come from the theme's stylesheet and Font Awesome's web fonts.\n"
# What no page loads, under _static/ (globs).
UNUSED = ["**/*.map", "scripts/fontawesome.js.LICENSE.txt", "vendor/fontawesome/webfonts/*.ttf"]


def mathjax_files(source):
    """{path under node_modules/mathjax: file} for every glob of MATHJAX, each matching at least one file."""
    files = {}
    for pattern in MATHJAX:
        found = sorted(path for path in source.glob(pattern) if path.is_file())
        if not found:
            raise ExtensionError(f"page_weight: no file of {source} matches {pattern!r} (MATHJAX)")
        files.update({path.relative_to(source).as_posix(): path for path in found})
    return files


def ship_only_what_pages_load(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir, "_static")
    source = Path(os.environ.get("COURSE_NODE_MODULES") or Path(app.confdir, "node_modules"), "mathjax")
    shutil.rmtree(static / "es5", ignore_errors=True)  # a full copy left by an older build
    for name, path in mathjax_files(source).items():
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, static / name)
    if not (static / FONTAWESOME_SCRIPT).is_file():
        raise ExtensionError(f"page_weight: the theme no longer ships _static/{FONTAWESOME_SCRIPT}")
    (static / FONTAWESOME_SCRIPT).write_text(EMPTY_SCRIPT)
    for pattern in UNUSED:
        for path in static.glob(pattern):
            path.unlink()


def setup(app):
    app.connect("build-finished", ship_only_what_pages_load)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
