"""The website: it builds from clean with warnings as errors, and a reader in Chromium, with no network,
finds every page of the table of contents complete, typeset, accessible and searchable, each chapter
downloadable and launchable, and no solution or hidden test anywhere.

The site is built once per session into a temporary folder; every page is read once per viewport and
the tests below check what was seen. With `--screenshots` (`make screenshots`), a full-page screenshot of every
reading goes to _build/screenshots/ for a human to look at (they assert nothing, and cost a second a page).
"""

import html
import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urljoin, urlparse

import nbformat
import pytest
import yaml
from playwright.sync_api import sync_playwright
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from helpers import ASSIGNMENTS, launch_chromium, run, serve_folder
from nnfs.cells import EXERCISES, ROOT, SOLUTIONS, notebook_path, public_text, read_notebook, secret_lines

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# A desktop reader in light mode and a phone reader in dark mode: both widths, both colour schemes.
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "phone": {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark", "is_mobile": True, "has_touch": True},
}
MATHJAX_CDN = re.compile(r"(?:https?:)?//[^\s\"'<>]*mathjax", re.I)
RAW_TEX = re.compile(r"\$[^$\n]+\$|\\[()\[\]]|\\[A-Za-z]{2,}")
FILE_NAME = re.compile(r"\S*\.(?:png|jpe?g|gif|svg|webp)", re.I)
TEXT_SUFFIXES = {".html", ".ipynb", ".md", ".txt", ".py", ".js", ".json"}


def toc_pages():
    """Every page the table of contents lists, as Sphinx names ("book/preface"), root first."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())

    def files(node):
        if isinstance(node, dict):
            if "file" in node:
                yield node["file"]
            for value in node.values():
                yield from files(value)
        elif isinstance(node, list):
            for item in node:
                yield from files(item)

    return [re.sub(r"\.(md|ipynb|rst)$", "", name) for name in [toc["root"], *files(toc)]]


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
def site(tmp_path_factory):
    """The book built once, into an empty folder, with warnings as errors: its html folder."""
    output = tmp_path_factory.mktemp("site")
    done = run(["jupyter-book", "build", ROOT, "-W", "-n", "--keep-going", "--path-output", output], check=False)
    if done.returncode != 0:
        log = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
        problems = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
        pytest.fail(f"jupyter-book build -W -n --keep-going exited {done.returncode}:\n" + "\n".join(problems or log.splitlines()[-40:]))
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
        for script in scripts:
            if not script.is_relative_to(mathjax.parent):  # the vendored MathJax names a CDN for its speech maps
                found = MATHJAX_CDN.search(script.read_text(errors="replace"))
                assert not found, f"{script.relative_to(site)}, loaded by {page}.html, references MathJax on a CDN: {found.group()}"
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


PAGE_FACTS = """() => {
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
    };
}"""

AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
    .filter(v => ["critical", "serious"].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(" ")).join(", ")}`)"""


class Tab:
    """A browser tab at one viewport, in its own context, where every request outside the site is aborted; it
    records what happens into its current Visit."""

    def __init__(self, browser, base, viewport):
        context = browser.new_context(**VIEWPORTS[viewport])
        self.base, self.page = base, context.new_page()
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
        """Go to `page` in the viewport's tab, collect its facts, run axe (and save a full-page screenshot); remembered."""
        if (page, viewport) not in self.readings:
            if viewport not in self.tabs:
                self.tabs[viewport] = Tab(self.browser, self.base, viewport)
            visit = self.tabs[viewport].go(f"{page}.html")
            seen = visit.page.evaluate(PAGE_FACTS)
            if self.screenshots:
                visit.page.screenshot(path=self.screenshots / f"{page.replace('/', '_')}-{viewport}.jpeg", full_page=True, quality=80)
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


@pytest.mark.parametrize("query, page", [("perceptron", "book/01_perceptron")])
def test_search_lists_the_chapter(reader, query, page):
    visit = reader.open(f"search.html?q={query}")
    visit.page.wait_for_selector("#search-results ul.search li a", timeout=15_000)
    found = visit.page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.pathname)")
    visit.page.context.close()
    assert f"/{page}.html" in found, f"searching {query!r} should list {page}, lists {found}"
    assert not (visit.outside or visit.failed or visit.errors), f"search page: outside {visit.outside}, failed {visit.failed}, errors {visit.errors}"


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


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_chapter_has_colab_binder_and_jupyterhub_launch_buttons_for_the_repository(site, page):
    repository, launch = CONFIG["repository"], CONFIG["launch_buttons"]
    owner_repo = urlparse(repository["url"]).path.strip("/")
    branch, notebook = repository["branch"], f"{page}.ipynb"
    links = built_page(site, page).attributes("a", "href")
    expected = {
        "Colab": f"{launch['colab_url']}/github/{owner_repo}/blob/{branch}/{notebook}",
        "Binder": f"{launch['binderhub_url']}/v2/gh/{owner_repo}/{branch}?urlpath=",
        "JupyterHub": f"{launch['jupyterhub_url']}/hub/user-redirect/git-pull?repo={quote(repository['url'])}",
    }
    for name, start in expected.items():
        matching = [link for link in links if link.startswith(start)]
        assert matching, f"{page} has no {name} launch button starting {start}; its links: {[link for link in links if 'http' in link]}"
        assert notebook in matching[0] and branch in matching[0], f"{page}: the {name} button {matching[0]} should open {notebook} on {branch}"


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


def test_no_solution_or_hidden_test_reaches_the_site_or_the_exercises(site):
    leaks = find_leaks([site, EXERCISES], secrets_of_every_assignment())
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
