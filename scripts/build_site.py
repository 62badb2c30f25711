"""Build the website, then the PDF of the whole book from the same pages: `make site`.

1. `jupyter-book build <root> -W -n --keep-going`: the website, in OUTPUT/_build/html.
2. The same with `--builder singlehtml`: every page of the table of contents in one HTML page, in
   OUTPUT/_build/singlehtml. It reuses the first build's environment (OUTPUT/_build/.doctrees), so
   nothing is read again: only the single page is written.
3. Chromium (Debian's, with no network: every request that is not to the loopback server is aborted)
   opens that page, waits for MathJax and the fonts, and prints it on A4 with page numbers into the
   website's folder, as OUTPUT/_build/html/<PDF> (the site's footer links to it).

Exits non-zero, listing the warnings, if a build warns, or if printing meets a failed request, a
console error, a request to another host or math that MathJax could not typeset.

    python scripts/build_site.py [--output DIR]    # DIR as jupyter-book's --path-output; default: the repository
"""

import argparse
import contextlib
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The PDF's file name: _config.yml names it once, for this script and for the footer's link.
PDF = yaml.safe_load((ROOT / "_config.yml").read_text())["sphinx"]["config"]["course_pdf"]
# Debian's chromium (Playwright's own download needs the internet); these flags keep it from calling home on a
# machine with no network. The tests launch it the same way (tests/helpers.py).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
A4_MARGIN = {"top": "16mm", "bottom": "18mm", "left": "16mm", "right": "16mm"}
FOOTER = '<div style="width: 100%; font-size: 8pt; text-align: center; color: #555;"><span class="pageNumber"></span></div>'

# What the book needs on paper and not on screen, added to the printed copy of the single page only.
PRINT_CSS = """<style>
/* Written by scripts/build_site.py into the page it prints. Each chapter starts a new sheet. */
span[id^="document-"] + section { break-before: page; }
/* Folded cells (hide-input) are opened for print: paper cannot unfold them; their toggle goes. */
details > summary { display: none !important; }
/* A figure or a display equation is not split across two sheets. */
img, mjx-container[display="true"] { break-inside: avoid; }
</style>
"""

# After load: MathJax has typeset (or failed), the fonts are in, every folded cell is open.
READY = """async () => {
    if (window.MathJax && MathJax.startup) await MathJax.startup.promise;
    await document.fonts.ready;
    document.querySelectorAll("details").forEach(details => details.open = true);
    return {
        untypeset: [...document.querySelectorAll(".math")].filter(node => !node.querySelector("mjx-container"))
            .map(node => node.textContent.trim().slice(0, 80)),
        merrors: [...document.querySelectorAll("mjx-merror")].map(node => node.getAttribute("data-mjx-error") || node.textContent),
    };
}"""


def build(source, output, builder):
    """`jupyter-book build` with warnings as errors, into output/_build/<builder>; the warnings (or the log's
    end) when it fails, else None."""
    args = [BIN / "jupyter-book", "build", source, "-W", "-n", "--keep-going", "--path-output", output, "--builder", builder]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(arg) for arg in args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode == 0:
        return None
    log = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    return f"jupyter-book build -W -n --keep-going --builder {builder} exited {done.returncode}:\n" + "\n".join(problems or log.splitlines()[-40:])


def printable_page(singlehtml):
    """The single page, written to the folder's root as print.html. Sphinx writes it as <root doc>.html
    (book/preface.html) with addresses relative to the folder's root, so it is served from there; its own
    links (book/preface.html#x) become #x, links inside the PDF. The search scripts (no index in a single
    page) and MathJax's menu go; PRINT_CSS comes in."""
    html = (singlehtml / "index.html").read_text()
    root_doc = re.search(r'url=([^"#]+\.html)', html).group(1)  # index.html redirects to the root doc
    text = (singlehtml / root_doc).read_text()
    text = text.replace(f'href="{root_doc}#', 'href="#')
    text, found = re.subn(r'\s*<script src="(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>', "", text)
    if found != 3:
        raise SystemExit(f"build_site.py: {root_doc} no longer loads the three search scripts it drops ({found} found)")
    # Paper has no use for MathJax's menu or its hidden copy of each formula for screen readers (less to typeset).
    text, found = re.subn(r'window\.MathJax = \{"options": \{', 'window.MathJax = {"options": {"enableMenu": false, "enableAssistiveMml": false, ', text)
    if found != 1:
        raise SystemExit(f"build_site.py: {root_doc} no longer configures MathJax as it expects ({found} window.MathJax found)")
    text = text.replace("</head>", PRINT_CSS + "</head>", 1)
    page = singlehtml / "print.html"
    page.write_text(text)
    return page


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder):
    """Serve `folder` over http://127.0.0.1 on a free port from a thread; yields the base URL (ending in /)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(singlehtml, pdf):
    """Print the single page to `pdf` in Chromium, offline; the problems met, if any, else None."""
    from playwright.sync_api import sync_playwright

    page_file = printable_page(singlehtml)
    problems = []

    def route(request_route):
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            problems.append(f"request to another host (aborted): {request_route.request.url}")
            request_route.abort()

    with serve_folder(singlehtml) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(color_scheme="light")
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(f"console error: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
        page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.status} {response.url}"))
        page.on("requestfailed", lambda request: request.url.startswith(base) and problems.append(f"{request.failure} {request.url}"))
        page.emulate_media(media="print")
        page.goto(base + page_file.name, wait_until="load", timeout=600_000)
        seen = page.evaluate(READY)
        problems += [f"math left untypeset: {tex}" for tex in seen["untypeset"]]
        problems += [f"MathJax error: {error}" for error in seen["merrors"]]
        page.pdf(path=pdf, format="A4", margin=A4_MARGIN, print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER)
        browser.close()
    return "printing the book:\n" + "\n".join(problems) if problems else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT, help="where _build/ goes (jupyter-book's --path-output); default: the repository")
    output = parser.parse_args().output.resolve()
    build_dir = output / "_build"
    steps = [
        ("website", lambda: build(ROOT, output, "html")),
        ("single page", lambda: build(ROOT, output, "singlehtml")),
        ("PDF", lambda: print_pdf(build_dir / "singlehtml", build_dir / "html" / PDF)),
    ]
    for name, step in steps:
        start = time.perf_counter()
        failure = step()
        if failure:
            sys.exit(failure)
        print(f"{name}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    print(f"the website is in {build_dir / 'html'}, the book as a PDF in {build_dir / 'html' / PDF}", file=sys.stderr)


if __name__ == "__main__":
    main()
