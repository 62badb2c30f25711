"""The public course and its website: the course exports (scripts/public.py) with no instructor file and no
solution or hidden test; its website builds from the export alone, from clean, with warnings as errors, and a
reader in Chromium, with no network, finds every page of the table of contents complete, typeset, accessible and
searchable, each chapter downloadable and launchable from the public repository and handing out its assignment,
and no solution or hidden test anywhere; nothing is cut on a laptop, a phone or
paper, figures are sharp and readable, chapters and figures numbered, the whole book is one PDF, and a page
weighs what its budget allows.

The course is exported and its site built once per session into temporary folders, as `make site` does; every page is read once
per viewport (and once as printed) and the tests below check what was seen. With `--screenshots` (`make screenshots`), a full-page screenshot of every
reading goes to _build/screenshots/ for a human to look at (they assert nothing, and cost a second a page).
"""

import ast
import html
import json
import re
import shutil
import subprocess
import sys
import unicodedata
import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlparse

import matplotlib
import nbformat
import pytest
import yaml
from matplotlib.font_manager import font_scalings
from playwright.sync_api import sync_playwright
from pypdf import PdfReader
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from helpers import ASSIGNMENTS, launch_chromium, script, serve_folder, toc_pages
from nnfs.cells import EXERCISES, ROOT, SOLUTIONS, notebook_path, public_text, read_notebook, secret_lines

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
public = script("public")
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A desktop reader in light mode and a phone reader in dark mode: both widths, both colour schemes.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "phone": {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark", "is_mobile": True, "has_touch": True},
}
# Paper: print media at the width of an A4 page less 15 mm margins (794 - 2 x 57 CSS px), as the ".pdf" button
# and scripts/build_site.py print it.
PAPER = {"viewport": {"width": 680, "height": 1000}, "color_scheme": "light"}
READERS = [*VIEWPORTS, "paper"]
# The smallest text a figure may show, in CSS px; a figure's text is its font size in points x figure.dpi / 72 x
# the scale the page shows it at. Font sizes are matplotlib's (10 pt unless a cell says otherwise).
FIGURE_TEXT_PX = 9
FIGURE_FONT_PT = matplotlib.rcParamsDefault["font.size"]
FIGURE_PX_PER_PT = matplotlib.rcParamsDefault["figure.dpi"] / 72
TEXT_CALLS = {"text", "annotate", "title", "set_title", "suptitle", "xlabel", "ylabel", "set_xlabel", "set_ylabel", "legend", "tick_params"}
MATHJAX_CDN = re.compile(r"(?:https?:)?//[^\s\"'<>]*mathjax", re.I)
RAW_TEX = re.compile(r"\$[^$\n]+\$|\\[()\[\]]|\\[A-Za-z]{2,}")
FILE_NAME = re.compile(r"\S*\.(?:png|jpe?g|gif|svg|webp)", re.I)
TEXT_SUFFIXES = {".html", ".ipynb", ".md", ".txt", ".py", ".js", ".json"}


PAGES = toc_pages()
NOTEBOOK_PAGES = [page for page in PAGES if (ROOT / f"{page}.ipynb").is_file()]


class ParsedPage(HTMLParser):
    """The tags (name, attributes) and the text of an HTML file, entities decoded."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.chunks = [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.chunks.append(data)

    def attributes(self, tag, name):
        return [attrs[name] for found, attrs in self.tags if found == tag and attrs.get(name)]


def built_page(site, page):
    return ParsedPage((site / f"{page}.html").read_text())


def built_pages(site):
    """{page name: path} of every HTML page of the built site (the theme's and MathJax's files aside)."""
    paths = (path for path in sorted(site.rglob("*.html")) if "_static" not in path.relative_to(site).parts)
    return {str(path.relative_to(site).with_suffix("")): path for path in paths}


def local_file(site, page, href):
    """The file of the site that a link on `page` points to, or None if it points elsewhere."""
    url = urlparse(urljoin(f"http://site/{page}.html", href))
    return site / url.path.lstrip("/") if url.netloc == "site" else None


# --- The build --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public_course(tmp_path_factory):
    """The public course, as `make public` writes it, in an empty folder."""
    folder = tmp_path_factory.mktemp("public")
    public.export(folder)
    return folder


@pytest.fixture(scope="module")
def site(public_course, tmp_path_factory):
    """The website built once from the public course alone, as `make site` and the public repository's workflow
    build it (its scripts/build_site.py: the pages with warnings as errors, then the PDF), into an empty folder:
    its html folder."""
    output = tmp_path_factory.mktemp("site")
    done = public.build(public_course, output, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"the public course's scripts/build_site.py exited {done.returncode}:\n{done.stderr[-6000:]}")
    return output / "_build" / "html"


def test_site_builds_from_clean_with_one_html_page_per_toc_entry(site):
    built = set(built_pages(site))
    extra = built - set(PAGES) - {"index", "search", "genindex"}
    assert not extra, f"the site has pages the toc does not list: {sorted(extra)}"
    missing = set(PAGES) - built
    assert not missing, f"toc entries without a built page: {sorted(missing)}"


def test_mathjax_is_served_by_the_site_itself_with_no_cdn_anywhere(site):
    mathjax = site / "_static" / CONFIG["sphinx"]["config"]["mathjax_path"]
    assert mathjax.is_file(), f"the vendored MathJax {mathjax.relative_to(site)} is missing from the build"
    for page, path in built_pages(site).items():
        text = path.read_text()
        assert not MATHJAX_CDN.search(text), f"{page}.html references MathJax on a CDN: {MATHJAX_CDN.search(text).group()}"
        sources = ParsedPage(text).attributes("script", "src")
        scripts = [local_file(site, page, src) for src in sources]
        assert None not in scripts, f"{page}.html loads a script from another host: {sources}"
        for loaded in scripts:
            if not loaded.is_relative_to(mathjax.parent):  # the vendored MathJax names a CDN for its speech maps
                found = MATHJAX_CDN.search(loaded.read_text(errors="replace"))
                assert not found, f"{loaded.relative_to(site)}, loaded by {page}.html, references MathJax on a CDN: {found.group()}"
        if 'class="math' in text:
            assert mathjax in scripts, f"{page}.html has math but does not load {mathjax.relative_to(site)}; it loads {sources}"


# --- A reader in Chromium ---------------------------------------------------------------------------


@dataclass
class Visit:
    """A page open in Chromium with what happened so far: requests to other hosts (aborted), failed
    requests, and console errors or uncaught exceptions."""

    page: object
    outside: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)


@dataclass
class Reading:
    """What a reader saw on one page at one viewport."""

    visit: Visit
    seen: dict
    violations: list


# What may be cut: code and outputs that do not fit their box (they scroll, or on paper are cut), display equations
# wider than their column, inline formulas sticking out of their paragraph, and every figure as shown.
CUT_FACTS = """() => {
    const article = document.querySelector("article") || document.body;
    const text = node => node.textContent.trim().replace(/\\s+/g, " ").slice(0, 70);
    const style = node => getComputedStyle(node);
    const overflowing = [], equations = [], inline = [];
    for (const pre of article.querySelectorAll("pre")) {
        if (pre.scrollWidth > pre.clientWidth + 1)
            overflowing.push(`${pre.closest(".cell_output") ? "output" : "code"} (${pre.scrollWidth - pre.clientWidth}px more): ${text(pre)}`);
    }
    for (const math of article.querySelectorAll("mjx-container")) {
        const formula = math.querySelector("mjx-math").getBoundingClientRect();
        if (math.getAttribute("display") === "true") {
            const box = math.getBoundingClientRect(), over = Math.round(formula.width - box.width);
            if (over > 1) equations.push({over, text: text(math),
                cue: ["auto", "scroll"].includes(style(math).overflowX) && style(math).backgroundImage.includes("gradient")});
        } else {
            const block = math.closest("p, li, td, th, dd, dt, figcaption, div").getBoundingClientRect();
            const over = Math.round(Math.max(formula.right - block.right, block.left - formula.left, formula.width - math.getBoundingClientRect().width));
            if (over > 1) inline.push(`(${over}px out) ${text(math)}`);
        }
    }
    const figures = [...article.querySelectorAll(".cell_output img")].map(img => ({
        src: img.getAttribute("src"), pixels: img.naturalWidth, shown: img.getBoundingClientRect().width,
        size: parseFloat(img.style.width || img.getAttribute("width")) || img.naturalWidth,
        full_size_link: !!img.closest("a") && new URL(img.closest("a").href).pathname === new URL(img.src).pathname,
        caption: (img.closest("figure")?.querySelector("figcaption")?.textContent || "").trim(),
    }));
    return {overflowing, equations, inline, figures};
}"""

PAGE_FACTS = """() => {
    const cut = (""" + CUT_FACTS + """)();
    const screen = document.documentElement;
    const prose = (document.querySelector("article") || document.body).cloneNode(true);
    prose.querySelectorAll("pre, code, script, style, mjx-container").forEach(node => node.remove());
    return {
        math: document.querySelectorAll(".math").length,
        untypeset: [...document.querySelectorAll(".math")].filter(node => !node.querySelector("mjx-container"))
            .map(node => node.textContent.trim().slice(0, 80)),
        typeset: document.querySelectorAll("mjx-container").length,
        merrors: [...document.querySelectorAll("mjx-merror")].map(node => node.getAttribute("data-mjx-error") || node.textContent),
        prose: prose.textContent,
        images: [...document.images].map(img => ({src: img.getAttribute("src"), alt: img.getAttribute("alt"), width: img.naturalWidth})),
        width: [screen.scrollWidth, screen.clientWidth],
        sticking_out: screen.scrollWidth <= screen.clientWidth ? [] : [...document.querySelectorAll("body *")].filter(node => {
            const out = element => element.getBoundingClientRect().right > screen.clientWidth + 1;
            const clipped = element => element && (getComputedStyle(element).overflowX !== "visible" || clipped(element.parentElement));
            return out(node) && !out(node.parentElement) && !clipped(node.parentElement) && getComputedStyle(node).position !== "fixed";
        }).map(node => `<${node.tagName.toLowerCase()} class="${node.className}"> ${node.textContent.trim().slice(0, 60)}`),
        ...cut,
    };
}"""

AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
    .filter(v => ["critical", "serious"].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""


class Tab:
    """A browser tab at one viewport, in its own context, where every request outside the site is aborted; it
    records what happens into its current Visit."""

    def __init__(self, browser, base, viewport):
        context = browser.new_context(**VIEWPORTS.get(viewport, PAPER))
        self.base, self.page = base, context.new_page()
        if viewport == "paper":
            self.page.emulate_media(media="print")
        self.visit = Visit(self.page)

        def route(request_route):
            if request_route.request.url.startswith(base):
                request_route.continue_()
            else:
                self.visit.outside.append(request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        self.page.on("console", lambda message: message.type == "error" and self.visit.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.visit.errors.append(str(error)))
        self.page.on("response", lambda response: response.status >= 400 and self.visit.failed.append(f"{response.status} {response.url}"))
        self.page.on("requestfailed", lambda request: request.url.startswith(base) and self.visit.failed.append(f"{request.failure} {request.url}"))

    def go(self, path):
        """A new Visit: `path` (relative to the site) loaded, its math typeset and its fonts ready."""
        self.visit = Visit(self.page)
        self.page.goto(self.base + path, wait_until="load")
        self.page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        self.page.evaluate("() => document.fonts.ready.then(() => null)")
        return self.visit


class Reader:
    """Chromium reading the site from a loopback server. Each page is read once per viewport, as a reader goes
    from page to page: in one tab per viewport (and photographed into the folder `screenshots`, if one is given)."""

    def __init__(self, browser, base, screenshots=None):
        self.browser, self.base, self.screenshots, self.readings, self.tabs = browser, base, screenshots, {}, {}

    def open(self, path, viewport="desktop"):
        """`path` loaded in a tab of its own (a fresh context: nothing cached, nothing stored); close its context after use."""
        return Tab(self.browser, self.base, viewport).go(path)

    def read(self, page, viewport):
        """Go to `page` in the viewport's tab ("paper": print media), collect its facts, run axe on screens (and save
        a full-page screenshot); remembered."""
        if (page, viewport) not in self.readings:
            if viewport not in self.tabs:
                self.tabs[viewport] = Tab(self.browser, self.base, viewport)
            visit = self.tabs[viewport].go(f"{page}.html")
            seen = visit.page.evaluate(PAGE_FACTS)
            if self.screenshots:
                visit.page.screenshot(path=self.screenshots / f"{page.replace('/', '_')}-{viewport}.jpeg", full_page=True, quality=80)
            violations = []
            if viewport in VIEWPORTS:
                visit.page.add_script_tag(path=AXE)
                violations = visit.page.evaluate(AXE_RUN)
            self.readings[page, viewport] = Reading(visit, seen, violations)
        return self.readings[page, viewport]


@pytest.fixture(scope="module")
def reader(site, pytestconfig):
    """Chromium, offline, reading the built site served over http://127.0.0.1 from a thread."""
    screenshots = SCREENSHOTS if pytestconfig.getoption("screenshots") else None
    if screenshots:
        shutil.rmtree(screenshots, ignore_errors=True)
        screenshots.mkdir(parents=True)
    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield Reader(browser, url, screenshots)
        browser.close()


every_page_at_both_widths = pytest.mark.parametrize(
    "page, viewport", [(page, viewport) for page in PAGES for viewport in VIEWPORTS], ids=lambda value: value
)


@every_page_at_both_widths
def test_page_loads_with_no_network_and_no_failed_request(reader, page, viewport):
    visit = reader.read(page, viewport).visit
    assert not visit.outside, f"{page} ({viewport}) requested other hosts (aborted): {visit.outside}"
    assert not visit.failed, f"{page} ({viewport}) has failed requests: {visit.failed}"


@every_page_at_both_widths
def test_page_has_no_console_error(reader, page, viewport):
    errors = reader.read(page, viewport).visit.errors
    assert not errors, f"{page} ({viewport}) logs errors in the console: {errors}"


@every_page_at_both_widths
def test_page_math_is_typeset_with_no_raw_tex_left(reader, page, viewport):
    seen = reader.read(page, viewport).seen
    assert not seen["untypeset"], f"{page} ({viewport}): math left untypeset by MathJax: {seen['untypeset']}"
    assert seen["typeset"] >= (1 if seen["math"] else 0), f"{page} ({viewport}) has {seen['math']} math elements but no mjx-container"
    assert not seen["merrors"], f"{page} ({viewport}): MathJax errors: {seen['merrors']}"
    raw = RAW_TEX.findall(seen["prose"])
    assert not raw, f"{page} ({viewport}) shows raw TeX in its text: {raw[:10]}"


@every_page_at_both_widths
def test_page_fits_the_screen_width_with_no_sideways_scrolling(reader, page, viewport):
    seen = reader.read(page, viewport).seen
    (page_width, screen_width), culprits = seen["width"], seen["sticking_out"]
    assert page_width <= screen_width, f"{page} ({viewport}) is {page_width}px wide on a {screen_width}px screen; sticking out: {culprits}"


@every_page_at_both_widths
def test_page_images_load_and_have_meaningful_alt_text(reader, page, viewport):
    for image in reader.read(page, viewport).seen["images"]:
        alt, name = (image["alt"] or "").strip(), PurePosixPath(urlparse(image["src"]).path).name
        assert image["width"] > 0, f"{page} ({viewport}): image {image['src']} did not load"
        assert alt, f"{page} ({viewport}): image {image['src']} has no alt text"
        assert not FILE_NAME.fullmatch(alt) and alt not in (name, Path(name).stem), f"{page} ({viewport}): image {name} has its file name as alt text: {alt!r}"
        assert len(alt.split()) >= 2, f"{page} ({viewport}): image {name} has a one-word alt text: {alt!r}"


@every_page_at_both_widths
def test_page_has_no_critical_or_serious_accessibility_violation(reader, page, viewport):
    violations = reader.read(page, viewport).violations
    assert not violations, f"{page} ({viewport}): axe-core reports\n" + "\n".join(violations)


every_page_on_every_reader = pytest.mark.parametrize(
    "page, viewport", [(page, viewport) for page in PAGES for viewport in READERS], ids=lambda value: value
)


@every_page_on_every_reader
def test_page_shows_every_line_of_code_and_output_whole(reader, page, viewport):
    overflowing = reader.read(page, viewport).seen["overflowing"]
    assert not overflowing, f"{page} ({viewport}): code boxes that scroll or are cut:\n" + "\n".join(overflowing)


@every_page_on_every_reader
def test_page_equations_fit_their_column_or_scroll_with_a_cue_on_a_phone(reader, page, viewport):
    wide = reader.read(page, viewport).seen["equations"]
    if viewport == "phone":
        wide = [equation for equation in wide if not equation["cue"]]
    report = "\n".join(f"{equation['over']}px too wide: {equation['text']}" for equation in wide)
    assert not wide, f"{page} ({viewport}): display equations wider than the column" + (
        " with no scroll cue" if viewport == "phone" else " (split them: aligned, multline)") + f":\n{report}"


@every_page_on_every_reader
def test_page_inline_formulas_are_never_cut(reader, page, viewport):
    inline = reader.read(page, viewport).seen["inline"]
    assert not inline, f"{page} ({viewport}): inline formulas sticking out of their line (split them):\n" + "\n".join(inline)


def literal_font_sizes(value):
    """The font sizes (points) a keyword's value can take: a number, a name ("small"), or either of an `if`."""
    if isinstance(value, ast.IfExp):
        return literal_font_sizes(value.body) + literal_font_sizes(value.orelse)
    assert isinstance(value, ast.Constant), f"a figure's font size is computed ({ast.unparse(value)}): write it as a number"
    return [font_scalings[value.value] * FIGURE_FONT_PT if isinstance(value.value, str) else value.value]


def smallest_font_pt(tree):
    """The smallest font size, in points, that a piece of figure code asks for (FIGURE_FONT_PT unless it says less)."""
    sizes = [FIGURE_FONT_PT]
    for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
        name = getattr(call.func, "attr", getattr(call.func, "id", ""))
        for keyword in call.keywords:
            if keyword.arg in ("fontsize", "labelsize", "titlesize") or (keyword.arg == "size" and name in TEXT_CALLS):
                sizes += literal_font_sizes(keyword.value)
    return min(sizes)


def figure_fonts(page):
    """The smallest font size of each figure of a chapter, in the order the page shows them: of the cell that draws
    it and of the chapter's functions that the cell calls (chapter 5's draw_graph)."""
    if not (ROOT / f"{page}.ipynb").is_file():
        return []
    cells = [cell for cell in read_notebook(ROOT / f"{page}.ipynb").cells if cell.cell_type == "code"]
    functions = {node.name: node for cell in cells for node in ast.parse(cell.source).body if isinstance(node, ast.FunctionDef)}

    def font(tree, seen):
        called = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        return min([smallest_font_pt(tree)] + [font(functions[name], seen | called) for name in called - seen if name in functions])

    return [font(ast.parse(cell.source), set()) for cell in cells for output in cell.outputs if "image/png" in output.get("data", {})]


@every_page_on_every_reader
def test_page_figures_are_sharp_and_their_text_readable(reader, page, viewport):
    figures, fonts = reader.read(page, viewport).seen["figures"], figure_fonts(page)
    assert len(figures) == len(fonts), f"{page}: the page shows {len(figures)} figures, its notebook has {len(fonts)}"
    for figure, font in zip(figures, fonts):
        assert figure["pixels"] >= 2 * figure["size"] - 1, (
            f"{page}: {figure['src']} is {figure['pixels']} pixels for {figure['size']} px: blurred on a high-density screen")
        text = font * FIGURE_PX_PER_PT * figure["shown"] / figure["size"]
        if text < FIGURE_TEXT_PX and viewport == "phone" and figure["full_size_link"]:
            text = font * FIGURE_PX_PER_PT  # a tap opens it at its full size
        assert text >= FIGURE_TEXT_PX, (
            f"{page} ({viewport}): {figure['src']}, {figure['size']} px wide, is shown at {figure['shown']:.0f} px: its {font:g} pt text is "
            f"{text:.1f} px, under {FIGURE_TEXT_PX} (make it narrower, split its panels, or use larger text)")


def test_the_measures_find_what_is_planted_cut_in_a_copy_of_a_chapter(site, reader):
    """A planted mismatch: a copy of chapter 1 with a code line that may not wrap, a display equation wider than a
    laptop's column and an inline formula wider than a phone, each found where it is cut."""
    terms, short = (" + ".join(f"x_{{{index}}}" for index in range(1, count + 1)) for count in (60, 30))
    planted = (f'<pre style="white-space: pre">{"print(1)  # " + "x" * 200}</pre>'
               f'<div class="math notranslate nohighlight">\\[{terms}\\]</div>'
               f'<p>The sum <span class="math notranslate nohighlight">\\({short}\\)</span> is long.</p>')
    page = NOTEBOOK_PAGES[0]
    copy = site / f"{page}-planted.html"
    copy.write_text((site / f"{page}.html").read_text().replace("</article>", planted + "</article>", 1))

    def facts(viewport):
        """What PAGE_FACTS measures on the copy (read in a tab of its own: no accessibility run, no reading kept)."""
        visit = reader.open(f"{page}-planted.html", viewport)
        try:
            return visit.page.evaluate(PAGE_FACTS)
        finally:
            visit.page.context.close()

    try:
        desktop, phone = (facts(viewport) for viewport in VIEWPORTS)
    finally:
        copy.unlink()
    assert any("xxxxxxxx" in line for line in desktop["overflowing"]), desktop["overflowing"]
    assert any(equation["text"].startswith("x1+x2+x3") for equation in desktop["equations"]), desktop["equations"]
    assert any("x1+x2" in formula.replace(" ", "") for formula in phone["inline"]), phone["inline"]


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_chapter_figures_are_numbered_with_a_caption(reader, page):
    chapter = NOTEBOOK_PAGES.index(page) + 1
    for figure in reader.read(page, "desktop").seen["figures"]:
        assert re.match(rf"Fig\. {chapter}\.\d+\s*\S", figure["caption"]), f"{page}: {figure['src']} has no numbered caption: {figure['caption']!r}"


def test_speech_rule_engine_loads_its_maps_from_the_site_not_a_cdn(reader):
    # MathJax's speech-rule engine carries cdn.jsdelivr.net addresses; turning on the accessibility
    # explorer loads it. (Math can then vanish: MathJax 3.2.2 bug mathjax/MathJax#3124; only the
    # network is checked here.)
    page = next((page for page in PAGES if reader.read(page, "desktop").seen["typeset"]), None)
    assert page, "no page of the site has typeset math"
    visit = reader.open(f"{page}.html")
    with visit.page.expect_response(lambda response: "/sre/mathmaps/" in response.url):
        visit.page.evaluate("() => MathJax.startup.document.menu.menu.pool.lookup('explorer').setValue(true)")
    visit.page.wait_for_load_state("networkidle")
    visit.page.context.close()
    assert not visit.outside, f"{page}: the explorer requested other hosts: {visit.outside}"
    assert not visit.failed, f"{page}: the explorer has failed requests: {visit.failed}"


def search(reader, query):
    """The search page's results for `query`: [(page path, excerpt)], best first, once every excerpt is in."""
    visit = reader.open(f"search.html?q={quote(query)}")
    # Sphinx lists every result, says "Search finished", and appends each excerpt once its page is fetched.
    visit.page.wait_for_function("() => /found/.test(document.querySelector('#search-results .search-summary')?.textContent)",
                                 timeout=20_000)
    visit.page.wait_for_load_state("networkidle")
    found = visit.page.eval_on_selector_all(
        "#search-results ul.search li", "items => items.map(li => [li.querySelector('a').pathname, li.querySelector('p.context')?.textContent || ''])")
    visit.page.context.close()
    assert not (visit.outside or visit.failed or visit.errors), f"search page: outside {visit.outside}, failed {visit.failed}, errors {visit.errors}"
    return found


@pytest.mark.parametrize("query, page", [("perceptron", "book/01_perceptron"), ("gradient descent", "book/02_learning_a_line")])
def test_search_lists_the_chapter_that_teaches_it_first(reader, query, page):
    found = [path for path, _ in search(reader, query)]
    assert found and found[0] == f"/{page}.html", f"searching {query!r} should list {page} first, lists {found}"


def test_search_excerpts_show_no_raw_tex(reader):
    excerpts = [(path, excerpt) for path, excerpt in search(reader, "gradient") if RAW_TEX.search(excerpt)]
    assert not excerpts, "search excerpts with raw TeX:\n" + "\n".join(f"{path}: {RAW_TEX.search(text).group()} in {text[:120]}" for path, text in excerpts)


# --- Navigation, index, licence, metadata ---------------------------------------------------------------


def test_chapters_are_numbered_in_their_titles_and_the_navigation(site):
    navigation = (site / f"{PAGES[0]}.html").read_text()  # the root page, beside the chapters in book/
    for number, page in enumerate(NOTEBOOK_PAGES, 1):
        title = re.search(r"<h1>((?:(?!</h1>).)*?)<a class=\"headerlink\"", (site / f"{page}.html").read_text(), re.S)
        numbered = title and re.match(rf'<span class="section-number">{number}\. </span>', title.group(1))
        assert numbered, f"{page}: its title is not numbered {number}: {title and title.group(1)}"
        link = re.search(rf'href="{re.escape(PurePosixPath(page).name)}.html"[^>]*>\s*{number}\. ', navigation)
        assert link, f"the navigation does not list {page} as chapter {number}"


def test_every_chapter_is_in_the_index(site):
    index = built_page(site, "genindex")
    indexed = {local_file(site, "genindex", href).with_suffix("").relative_to(site).as_posix()
               for href in index.attributes("a", "href") if "#index-" in href}
    missing = set(NOTEBOOK_PAGES) - indexed
    assert not missing, f"the index (genindex.html) has no entry for {sorted(missing)}: mark key terms with {{index}}`term`"


def test_every_page_has_its_own_description_a_favicon_and_the_licences(site):
    descriptions = {}
    for page in PAGES:
        parsed = built_page(site, page)
        description = [attrs.get("content", "") for tag, attrs in parsed.tags if tag == "meta" and attrs.get("name") == "description"]
        assert description and 50 <= len(description[0]) <= 160, f"{page}: a description of 50-160 characters, found {description}"
        descriptions.setdefault(description[0], []).append(page)
        icons = [local_file(site, page, attrs["href"]) for tag, attrs in parsed.tags if tag == "link" and "icon" in attrs.get("rel", "").split()]
        assert icons and icons[0].is_file(), f"{page}: no favicon, or it is not served: {icons}"
        text = normalized("".join(parsed.chunks))
        assert "CC BY-SA 4.0" in text and "MIT licence" in text, f"{page}: the footer does not state the licences"
    shared = {text: pages for text, pages in descriptions.items() if len(pages) > 1}
    assert not shared, f"pages sharing a description: {shared}"
    assert (ROOT / "LICENSE").is_file() and (ROOT / "LICENSE-TEXT.md").is_file(), "the repository has no licence files"


# --- The book as one PDF, and what a page weighs ---------------------------------------------------------
# Measured on 2026-12-02 (loopback server, Chromium, cold cache, bytes of every file a page loads): chapter 4 weighed
# 4,404,472 bytes in 47 requests before page_weight.py (Font Awesome's script 1,489,308, tex-chtml.js 1,160,989),
# 2,915,056 after; the heaviest chapter (2) 3,047,371; the built site without the PDF 40,874,669 bytes before,
# 13,530,907 after. The PDF: 291 A4 pages, 7.2 MB.

PDF_NAME = CONFIG["sphinx"]["config"]["course_pdf"]
# Budgets, from the measurements above with a margin of about 15 %.
CHAPTER_PAGE_BYTES = 3_500_000  # one chapter page, cold cache, everything it loads
SITE_FILES_BYTES = 2_700_000  # of which the site's own files: theme, MathJax, icons (not the page, not its figures)
SITE_BYTES = 16_000_000  # the built site, the PDF aside
PDF_PAGES = (200, 450)  # 291 today


def squeezed(text):
    """Text as compared between a page and the PDF: ligatures undone (NFKC: "ﬁ" is "fi"), no whitespace at all (the
    PDF wraps lines where the page does not), lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


@functools.cache
def pdf_text(path):
    """The PDF's number of pages, and the text of each page squeezed, its number (the footer) left out."""
    pages = PdfReader(path).pages
    texts = []
    for page in pages:
        lines = page.extract_text().splitlines()
        while lines and lines[-1].strip().isdigit():
            lines.pop()
        while lines and lines[0].strip().isdigit():
            lines.pop(0)
        texts.append(squeezed("\n".join(lines)))
    return len(pages), tuple(texts)


def in_pdf(line, pages):
    """Whether a line (squeezed) is on a page of the PDF, or wrapped over two: its start ends a page and the rest
    is on the next (which the text extraction may give after that page's other text)."""
    if any(line in page for page in pages):
        return True
    return any(page.endswith(line[:cut]) and line[cut:] in after
               for page, after in zip(pages, pages[1:]) for cut in range(1, len(line)))


def chapter_title_and_sentence(site, page):
    """The page's title (its first h1, without the "#" link) and its first paragraph of ten words or more with no
    formula, as the built page has them."""
    text = (site / f"{page}.html").read_text()
    article = text[text.index("<article"):text.index("</article>")]
    title = re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1)
    paragraphs = [p for p in re.findall(r"<p>(.*?)</p>", article, re.S) if 'class="math' not in p and "<code" not in p]
    sentence = next(p for p in map(lambda p: normalized(re.sub(r"<[^>]+>", "", p)), paragraphs) if len(p.split()) >= 10)
    return normalized(re.sub(r"<[^>]+>", "", title)).rstrip("#"), sentence


def test_pdf_of_the_whole_book_is_in_the_site_and_linked_from_every_page(site):
    pdf = site / PDF_NAME
    assert pdf.is_file(), f"the site has no {PDF_NAME} (scripts/site.py prints it)"
    count, _ = pdf_text(pdf)
    assert PDF_PAGES[0] <= count <= PDF_PAGES[1], f"{PDF_NAME} has {count} pages, expected {PDF_PAGES[0]}-{PDF_PAGES[1]}"
    for page in PAGES:
        links = [urljoin(f"http://site/{page}.html", href) for href in built_page(site, page).attributes("a", "href")]
        assert f"http://site/{PDF_NAME}" in links, f"{page}.html does not link to {PDF_NAME}"


@pytest.mark.parametrize("page", PAGES)
def test_pdf_has_every_chapter_title_and_text(site, page):
    _, pages = pdf_text(site / PDF_NAME)
    title, sentence = chapter_title_and_sentence(site, page)
    assert in_pdf(squeezed(title), pages), f"{PDF_NAME} lacks the title of {page}: {title!r}"
    assert in_pdf(squeezed(sentence), pages), f"{PDF_NAME} lacks a paragraph of {page}: {sentence[:100]!r}"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_pdf_has_every_line_of_every_code_cell_and_text_output(site, page):
    """Nothing is cut on paper: every line of the chapter's code (folded cells included: the PDF opens them) and
    of its text outputs is in the PDF's text."""
    _, pages = pdf_text(site / PDF_NAME)
    missing = []
    for cell in read_notebook(ROOT / f"{page}.ipynb").cells:
        if cell.cell_type != "code" or "remove-input" in cell.metadata.get("tags", []) or "remove-cell" in cell.metadata.get("tags", []):
            continue
        lines = cell.source.splitlines()
        if "remove-output" not in cell.metadata.get("tags", []):
            for output in cell.get("outputs", []):
                if output.output_type == "stream" and output.name == "stdout":
                    lines += output.text.replace("\r", "\n").splitlines()
        missing += [line for line in lines if squeezed(line) and not in_pdf(squeezed(line), pages)]
    assert not missing, f"{PDF_NAME} lacks {len(missing)} lines of {page}'s code cells and outputs, e.g. {missing[:5]}"


def cold_load(reader, site, path):
    """{path under the site: bytes} of every file that a tab of its own (empty cache) loads for `path`, its math
    typeset and its fonts in, and the Visit (requests to other hosts, failed ones)."""
    tab = Tab(reader.browser, reader.base, "desktop")
    loaded = set()
    tab.page.on("requestfinished", lambda request: loaded.add(urlparse(request.url).path.lstrip("/")))
    visit = tab.go(path)
    visit.page.wait_for_load_state("networkidle")
    visit.page.context.close()
    return {name: (site / name).stat().st_size for name in loaded}, visit


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_chapter_page_weight_is_within_budget(reader, site, page):
    loaded, visit = cold_load(reader, site, f"{page}.html")
    assert not (visit.outside or visit.failed), f"{page}: outside {visit.outside}, failed {visit.failed}"
    total = sum(loaded.values())
    own = sum(size for name, size in loaded.items() if name.startswith("_static/"))
    heaviest = ", ".join(f"{name} {size:,}" for name, size in sorted(loaded.items(), key=lambda item: -item[1])[:5])
    assert total <= CHAPTER_PAGE_BYTES, f"{page}: a cold load is {total:,} bytes, over the {CHAPTER_PAGE_BYTES:,} budget; heaviest: {heaviest}"
    assert own <= SITE_FILES_BYTES, f"{page}: the site's own files (_static/) weigh {own:,} bytes, over {SITE_FILES_BYTES:,}; heaviest: {heaviest}"


def test_site_ships_only_what_its_pages_load(site):
    files = [path for path in site.rglob("*") if path.is_file() and path.name != PDF_NAME]
    size = sum(path.stat().st_size for path in files)
    biggest = ", ".join(f"{path.relative_to(site)} {path.stat().st_size:,}" for path in sorted(files, key=lambda p: -p.stat().st_size)[:5])
    assert size <= SITE_BYTES, f"the built site weighs {size:,} bytes without the PDF, over the {SITE_BYTES:,} budget; biggest: {biggest}"
    assert (site / "_static" / "scripts" / "fontawesome.js").stat().st_size < 1000, "the theme's 1.5 MB icon script is shipped again"


# --- Chapter buttons ---------------------------------------------------------------------------------


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_chapter_has_a_download_button_for_its_notebook(site, page):
    parsed = built_page(site, page)
    downloads = [href for tag, attrs in parsed.tags if tag == "a" and "btn-download-source-button" in attrs.get("class", "")
                 for href in [attrs.get("href", "")] if href.endswith(".ipynb")]
    assert downloads, f"{page} has no download button for its .ipynb"
    served = local_file(site, page, downloads[0])
    assert served and served.is_file(), f"{page}: the download button points to {downloads[0]}, which the site does not serve"
    assert nbformat.read(served, as_version=4) == read_notebook(ROOT / f"{page}.ipynb"), f"{page}: the downloaded notebook differs from {page}.ipynb"


def launch_addresses(notebook):
    """{service: the address that opens `notebook` (a path in the repository)} for every service _config.yml
    configures, as the theme's buttons open it."""
    repository, launch = CONFIG["repository"], CONFIG["launch_buttons"]
    owner_repo, branch = urlparse(repository["url"]).path.strip("/"), repository["branch"]
    addresses = {
        "Colab": f"{launch['colab_url']}/github/{owner_repo}/blob/{branch}/{notebook}",
        "Binder": f"{launch['binderhub_url']}/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{notebook}",
    }
    if launch.get("jupyterhub_url"):
        pull = {"repo": repository["url"], "urlpath": f"lab/tree/{owner_repo.split('/')[1]}/{notebook}", "branch": branch}
        addresses["JupyterHub"] = f"{launch['jupyterhub_url'].rstrip('/')}/hub/user-redirect/git-pull?{urlencode(pull)}"
    return addresses


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_chapter_has_launch_buttons_for_the_public_repository_and_no_unconfigured_hub(site, page):
    links = built_page(site, page).attributes("a", "href")
    for service, address in launch_addresses(f"{page}.ipynb").items():
        assert address in links, f"{page} has no {service} launch button for {address}; its links: {[link for link in links if 'http' in link]}"
    if not CONFIG["launch_buttons"].get("jupyterhub_url"):
        hub_links = [link for link in links if "git-pull" in link]
        assert not hub_links, f"{page}: no JupyterHub is configured (launch_buttons.jupyterhub_url), yet it links {hub_links}"


ASSIGNMENT_PAGES = [f"book/{assignment}" for assignment in ASSIGNMENTS]


def test_every_assignment_has_its_chapter_page():
    missing = [page for page in ASSIGNMENT_PAGES if page not in NOTEBOOK_PAGES]
    assert not missing, f"assignments without a chapter in the toc: {missing}"


def exercise_of(page):
    """The exercise notebook of a chapter page, as a path in the repository."""
    return notebook_path(Path("exercises"), PurePosixPath(page).name).as_posix()


@pytest.mark.parametrize("page", ASSIGNMENT_PAGES)
def test_chapter_links_its_assignment_for_download_colab_and_binder(site, public_course, page):
    notebook = exercise_of(page)
    assert (public_course / notebook).is_file(), f"the public course has no {notebook} for the links of {page} to open"
    parsed = built_page(site, page)
    downloads = [attrs["href"] for tag, attrs in parsed.tags if tag == "a" and "assignment-link" in attrs.get("class", "") and "download" in attrs]
    assert len(downloads) == 1, f"{page}: its assignment box should have one download link, has {downloads}"
    served = local_file(site, page, downloads[0])
    assert served.is_file() and served.read_bytes() == (public_course / notebook).read_bytes(), f"{page}: {downloads[0]} does not serve {notebook}"
    links = parsed.attributes("a", "href")
    for service, address in launch_addresses(notebook).items():
        assert address in links, f"{page}: its assignment box has no {service} link {address}"


def test_a_reader_clicks_through_a_chapters_assignment_box(reader, public_course):
    """At the end of a chapter, a reader clicks each link of its assignment box: the download is the exercise
    notebook of the public course, and Colab and Binder are asked to open that notebook from its repository."""
    page = ASSIGNMENT_PAGES[0]
    notebook = exercise_of(page)
    addresses = launch_addresses(notebook)
    tab = Tab(reader.browser, reader.base, "desktop")
    launched = []

    def launch(request_route):
        launched.append(request_route.request.url)
        request_route.fulfill(status=200, content_type="text/html", body="<title>launched</title>")

    for service, address in addresses.items():
        tab.page.context.route(f"{urlparse(address).scheme}://{urlparse(address).netloc}/**", launch)
    tab.go(f"{page}.html")
    box = tab.page.locator(".assignment")
    assert box.count() == 1, f"{page} has {box.count()} assignment boxes, not one"
    with tab.page.expect_download() as download:
        box.get_by_role("link", name="Download the notebook").click()
    downloaded = Path(download.value.path()).read_bytes()
    assert downloaded == (public_course / notebook).read_bytes(), f"{page}: the downloaded notebook is not {notebook}"
    assert download.value.suggested_filename == PurePosixPath(notebook).name
    for service, address in addresses.items():
        launched.clear()
        box.get_by_role("link", name=f"Open in {service}").click()
        tab.page.wait_for_load_state()
        assert launched == [address], f"{page}: 'Open in {service}' asked for {launched}, not {address}"
        tab.go(f"{page}.html")
    tab.page.context.close()


def test_a_jupyterhub_link_appears_only_once_configured_and_pulls_the_public_course():
    theme_options = {"repository_url": CONFIG["repository"]["url"], "repository_branch": CONFIG["repository"]["branch"],
                     "launch_buttons": {**CONFIG["launch_buttons"], "jupyterhub_url": ""}}
    assignments = script("assignments", ROOT / "book" / "_ext")
    assert "JupyterHub" not in assignments.launch_links(theme_options, ASSIGNMENTS[0])
    theme_options["launch_buttons"]["jupyterhub_url"] = "https://hub.example.edu/"
    link = assignments.launch_links(theme_options, ASSIGNMENTS[0])["JupyterHub"]
    notebook = notebook_path(Path("exercises"), ASSIGNMENTS[0]).as_posix()
    repository = CONFIG["repository"]
    assert urlparse(link)._replace(query="").geturl() == "https://hub.example.edu/hub/user-redirect/git-pull"
    assert parse_qs(urlparse(link).query) == {"repo": [repository["url"]], "branch": [repository["branch"]],
                                              "urlpath": [f"lab/tree/{urlparse(repository['url']).path.rsplit('/', 1)[1]}/{notebook}"]}


# --- No leak -----------------------------------------------------------------------------------------


def json_strings(value):
    """Every string in a JSON value (a notebook's sources, outputs and metadata)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def normalized(text):
    return " ".join(html.unescape(text).split())


def readable_text(path):
    """A file's text as a reader of it sees it, whitespace collapsed: an HTML page without its markup
    (so highlighted code reads as written), a notebook's or the search index's strings, else the text."""
    raw = path.read_text(errors="replace")
    if path.suffix == ".html":
        return normalized("".join(ParsedPage(raw).chunks))
    if path.suffix == ".ipynb":
        return normalized("\n".join(json_strings(json.loads(raw))))
    if path.name == "searchindex.js":
        return normalized("\n".join(json_strings(json.loads(raw[raw.index("(") + 1 : raw.rindex(")")]))))
    return normalized(raw)


def find_leaks(folders, secrets):
    """{file: the secret lines it contains} over the text files of `folders` (a built site's _static,
    the theme and MathJax, excepted)."""
    wanted = {normalized(line): line for line in secrets}
    leaks = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.suffix in TEXT_SUFFIXES and path.is_file() and "_static" not in path.relative_to(folder).parts:
                text = readable_text(path)
                found = [line for key, line in wanted.items() if key in text]
                if found:
                    leaks[path] = found
    return leaks


# Lines that solutions and the book's own PyTorch loops both need: telling nothing, they are no leak.
IDIOMS = {"with torch.no_grad():", "losses.append(loss.item())", "optimizer.zero_grad()"}


def secrets_of_every_assignment():
    """The solution and hidden-test lines of every assignment, less what the assignments show students
    anyway (a visible test's setup line repeated in a hidden test, a prompt quoting a line of the
    solution) and IDIOMS; failing if an assignment leaves nothing to look for."""
    assert ASSIGNMENTS, "solutions/ has no assignment: the leak check would prove nothing"
    sources = {assignment: read_notebook(notebook_path(SOLUTIONS, assignment)) for assignment in ASSIGNMENTS}
    shown = normalized("\n".join(public_text(source) for source in sources.values()))
    lines = set()
    for assignment, source in sources.items():
        found = {line for line in secret_lines(source) - IDIOMS if normalized(line) not in shown}
        assert found, f"solutions/{assignment} has no solution or hidden-test lines: the leak check would prove nothing"
        lines |= found
    return lines


def test_no_solution_or_hidden_test_reaches_the_site_the_exercises_or_the_public_course(site, public_course):
    leaks = find_leaks([site, EXERCISES, public_course], secrets_of_every_assignment())
    report = "\n".join(f"{path}:\n    " + "\n    ".join(lines) for path, lines in leaks.items())
    assert not leaks, f"solution or hidden-test lines found where students and readers see them:\n{report}"


def test_leak_check_catches_every_secret_line_planted_in_a_copy_of_a_chapter(site, tmp_path):
    assert NOTEBOOK_PAGES, "the toc lists no notebook chapter"
    page, secrets = NOTEBOOK_PAGES[0], secrets_of_every_assignment()
    copy_html, copy_notebook = tmp_path / "page.html", tmp_path / "page.ipynb"
    shutil.copy(site / f"{page}.html", copy_html)
    shutil.copy(ROOT / f"{page}.ipynb", copy_notebook)
    assert not find_leaks([tmp_path], secrets), f"the unplanted copies of {page} already leak"

    code = "\n".join(sorted(secrets))
    # In the page, highlighted as the book highlights a code cell: markup splits every line.
    highlighted = highlight(code, PythonLexer(), HtmlFormatter())
    copy_html.write_text(copy_html.read_text().replace("</article>", highlighted + "</article>", 1))
    notebook = read_notebook(copy_notebook)
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, copy_notebook)

    leaks = find_leaks([tmp_path], secrets)
    for path in (copy_html, copy_notebook):
        missed = secrets - set(leaks.get(path, []))
        assert not missed, f"the leak check misses {len(missed)} planted lines in {path.name}, e.g. {sorted(missed)[:3]}"


# Where the instructor's side lives: the nbgrader source and configuration, the gradebook, what grading writes.
INSTRUCTOR_FILES = {"solutions", "nbgrader_config.py", "gradebook.db", "submitted", "autograded", "feedback", "grades.csv", "tests",
                    "nnfs", "source", "release"}


def instructor_files(folder):
    """The files and folders of `folder` that belong to the instructor's side (INSTRUCTOR_FILES, any gradebook)."""
    return sorted(path.relative_to(folder).as_posix() for path in Path(folder).rglob("*")
                  if path.name in INSTRUCTOR_FILES or path.suffix == ".db" or "gradebook" in path.name.lower())


def test_the_public_course_holds_no_instructor_file_and_what_it_needs(public_course):
    assert not instructor_files(public_course), f"the public course holds instructor files: {instructor_files(public_course)}"
    for needed in ["README.md", "requirements.txt", "requirements-site.txt", "binder/requirements.txt", ".github/workflows/site.yml",
                   "scripts/build_site.py", "_config.yml", *(notebook_path(Path("exercises"), a).as_posix() for a in ASSIGNMENTS)]:
        assert (public_course / needed).is_file(), f"the public course has no {needed}"
    assert (public_course / "requirements.txt").read_text() == (ROOT / "public" / "requirements.txt").read_text()


def test_the_instructor_file_check_finds_a_gradebook_and_solutions_planted_in_a_copy(public_course, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(public_course, copy)
    (copy / "gradebook.db").write_bytes(b"SQLite format 3")
    shutil.copytree(SOLUTIONS / ASSIGNMENTS[0], copy / "book" / "solutions" / ASSIGNMENTS[0])
    found = instructor_files(copy)
    assert "gradebook.db" in found and "book/solutions" in found, f"the check misses the planted files: {found}"


def test_public_py_refuses_to_empty_the_repository_or_a_folder_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("not a previous export")
    for folder in (ROOT, ROOT.parent, tmp_path):
        done = subprocess.run([sys.executable, ROOT / "scripts" / "public.py", folder], capture_output=True, text=True)
        assert done.returncode != 0 and "public.py:" in done.stderr, f"public.py {folder} did not refuse: {done.stderr}"
    assert (tmp_path / "notes.txt").is_file() and (ROOT / "solutions").is_dir()


def test_an_export_keeps_the_public_repository_clone_it_is_written_into(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    public.export(tmp_path)
    (tmp_path / "exercises" / "stale.ipynb").write_text("{}")
    public.export(tmp_path)
    assert (tmp_path / ".git" / "HEAD").is_file(), "the export deleted the clone's .git"
    assert not (tmp_path / "exercises" / "stale.ipynb").exists(), "a file of an earlier export survived the next one"


def test_the_preface_clones_the_public_repository_that_the_buttons_open():
    preface = (ROOT / "book" / "preface.md").read_text()
    clones = re.findall(r"git clone (\S+)", preface)
    assert clones == [CONFIG["repository"]["url"]], f"book/preface.md clones {clones}, the buttons open {CONFIG['repository']['url']}"
