"""Fixes for the published site that the book's configuration alone cannot make.

- Sphinx 7.4 writes every inline script an extension registers after the builder has started
  (sphinx-thebe's `const THEBE_JS_URL = ...`, sphinx-togglebutton's selector) twice: once from
  `app.add_js_file` (filename None) and once from `prepare_writing` (filename ''). The second
  `const` is a SyntaxError in every page's console. We keep the first copy of each script.
- Two buttons of pydata-sphinx-theme carry an accessible name that does not contain their visible
  text (axe `label-content-name-mismatch`, WCAG 2.5.3, "serious"); we patch their templates. myst-nb
  names the toggle of a folded cell "Toggle hidden content" while it shows "Show code cell source": the
  aria-label goes, and its name is what it shows.
- A long inline literal (a path, a command) or a heading's last word with its "#" link cannot wrap,
  so it widens a phone's page; CSS lets them.
- Nothing is cut on a phone or on paper: code and outputs wrap (a line holds at most 77 characters, the
  laptop's box, tests/test_book_layout.py), a display equation wider than a phone scrolls with a shadow at the
  edge it can scroll to, and every figure links to its own file, so that a figure a phone shrinks opens at
  full size (course_site.js).
- Every page has a description (its first paragraph) for search engines and link previews, and the footer
  carries the licences and a link to the whole book as one PDF (`course_pdf`, printed by scripts/build_site.py).
- The search page's excerpts show "…" for a formula instead of its raw TeX, and a result found by an index
  entry (an empty target) shows its section's text: Sphinx 7.4 appends nothing there and throws (course_site.js).
"""

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.jinja2glue import BuiltinTemplateLoader

# template name -> (pattern, replacement, how many times the pattern must match)
TEMPLATE_FIXES = {
    # Shows "Search Ctrl+K" but is named "Search": without the aria-label its name is what it shows.
    "search-button-field.html": (r""" aria-label="{{ _\('Search'\) }}\"""", "", 1),
    # Named "Color mode", but its icons' titles ("Light", "Dark", "System Settings") become visible
    # text inside it: the icons are decoration, the button's name and tooltip say what it does.
    "theme-switcher.html": (r""" title="[^"]*"(?=></i>)""", "", 3),
}


class AccessibleTemplateLoader(BuiltinTemplateLoader):
    """The theme's templates, with TEMPLATE_FIXES applied; fails loudly if the theme has changed."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if template in TEMPLATE_FIXES:
            pattern, replacement, expected = TEMPLATE_FIXES[template]
            source, count = re.subn(pattern, replacement, source)
            if count != expected:
                raise ExtensionError(f"course_site: {filename} changed, {pattern!r} matched {count} times, not {expected}")
        return source, filename, uptodate


CSS = """/* Written by book/_ext/course_site.py: nothing may widen a phone's page. */
/* Sphinx keeps each word of an inline literal on one line: a long path would stick out. */
code.literal { overflow-wrap: anywhere; }
code.literal span.pre { white-space: pre-wrap; }
/* A heading's last word and its (hidden) "#" link cannot be split: "Backpropagation#" sticks out. */
h1, h2, h3, h4, h5, h6 { overflow-wrap: anywhere; }
/* Code and outputs wrap where their box is narrower than 77 characters (a phone, paper). */
.bd-article pre { white-space: pre-wrap; overflow-wrap: anywhere; }
/* A display equation wider than the column scrolls: a shadow shows the side with more to see (the two
   covers, in the page's colour, scroll with the equation; the shadows stay at the box's edges). */
div.math mjx-container {
  background:
    linear-gradient(to right, var(--pst-color-background) 40%, transparent) left / 2.5em 100%,
    linear-gradient(to left, var(--pst-color-background) 40%, transparent) right / 2.5em 100%,
    radial-gradient(farthest-side at 0 50%, rgba(128, 128, 128, 0.6), transparent) left / 0.9em 100%,
    radial-gradient(farthest-side at 100% 50%, rgba(128, 128, 128, 0.6), transparent) right / 0.9em 100%;
  background-repeat: no-repeat;
  background-attachment: local, local, scroll, scroll;
}
/* A 2x figure carries its size in CSS px (width and height): narrower columns shrink it, keeping its shape. */
.cell_output img { max-width: 100%; height: auto !important; }
/* A figure opens at full size on click (course_site.js wraps it in a link to its file). */
a.figure-full-size { cursor: zoom-in; }
figcaption { font-size: 0.95em; }
/* A chapter's assignment box (book/_ext/assignments.py): its links are buttons, wrapping on a phone. */
.assignment-links { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.assignment-links a { border: 1px solid var(--pst-color-primary); border-radius: 0.25rem; padding: 0.2rem 0.7rem; text-decoration: none; }
@media print {
  /* Paper cannot scroll: nothing may hide what overflows. */
  div.math mjx-container, .bd-article pre, div.highlight { overflow: visible !important; }
  figure, div.cell_output img, div.math { break-inside: avoid; }
}
"""

JS = """// Written by book/_ext/course_site.py.
// Every figure links to its own file: on a phone a wide figure is shrunk to a third, and its file opens at
// full size (and can be zoomed).
document.addEventListener("DOMContentLoaded", () => {
  for (const image of document.querySelectorAll(".bd-article img")) {
    if (image.closest("a")) continue;
    const link = document.createElement("a");
    link.href = image.src;
    link.className = "figure-full-size";
    link.title = "Open the figure at full size";
    image.replaceWith(link);
    link.append(image);
  }
});
// The search page's excerpts are the pages' text, where a formula is raw TeX: show "…" instead. Set once the page
// is parsed: search.html loads searchtools.js (its `Search`, a const, not on window) after this script.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || !Search.htmlToText) return;
  const pageText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    page.querySelectorAll("div.math").forEach(math => math.remove());
    page.querySelectorAll("span.math").forEach(math => math.replaceWith("…"));
    const target = anchor && page.querySelector(`[role="main"] ${anchor}`);
    if (target && !target.textContent.trim()) {
      const section = target.closest("section[id]");
      anchor = section ? `#${section.id}` : "";
    }
    return pageText(page.documentElement.outerHTML, anchor);
  };
});
"""


# The site footer: the licences (LICENSE, LICENSE-TEXT.md) and the whole book as one PDF.
FOOTER = (
    '<p>The text and figures are licensed under <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA '
    '4.0</a>, the code under the <a href="{repository}/blob/{branch}/LICENSE">MIT licence</a>. '
    '<a href="{pdf}">The whole book as one PDF</a>.</p>'
)
DESCRIPTION_LENGTH = 160


def write_static_files(app, exception):
    if exception is None and app.builder.format == "html":
        Path(app.outdir, "_static", "course_site.css").write_text(CSS)
        Path(app.outdir, "_static", "course_site.js").write_text(JS)


def first_paragraph(doctree):
    """The page's first paragraph of eight words or more with no formula, cut at a word to DESCRIPTION_LENGTH."""
    for paragraph in doctree.findall(nodes.paragraph):
        words = paragraph.astext().split()
        if len(words) >= 8 and not any(paragraph.findall(nodes.math)):
            text = " ".join(words)
            return text if len(text) <= DESCRIPTION_LENGTH else text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return ""


def describe_page(app, pagename, templatename, context, doctree):
    """A meta description (the first paragraph) and the footer, with the PDF's address relative to the page."""
    if doctree is not None:
        description = first_paragraph(doctree)
        if description:
            context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{html.escape(description)}" />'
    repository = app.config.html_theme_options.get("repository_url", "")
    branch = app.config.html_theme_options.get("repository_branch", "main")
    context["theme_extra_footer"] = FOOTER.format(repository=repository, branch=branch, pdf=context["pathto"](app.config.course_pdf, 1))


def use_accessible_templates(app, config):
    config.template_bridge = f"{__name__}.AccessibleTemplateLoader"


def name_toggles_by_their_text(app, pagename, templatename, context, doctree):
    if "body" in context:
        context["body"] = context["body"].replace('<summary aria-label="Toggle hidden content">', "<summary>")


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Keep the first of scripts that differ only in None vs '' as filename (edited in place, as
    pydata-sphinx-theme does with css_files; Sphinx restores the list after each page)."""
    seen, unique = set(), []
    for script in context["script_files"]:
        key = (script.filename or "", script.priority, tuple(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def setup(app):
    app.connect("config-inited", use_accessible_templates)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", describe_page)
    app.connect("html-page-context", name_toggles_by_their_text)
    app.add_config_value("course_pdf", "", "html")
    app.add_css_file("course_site.css")
    app.add_js_file("course_site.js", priority=900)
    app.connect("build-finished", write_static_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
