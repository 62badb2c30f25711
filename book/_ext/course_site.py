"""Fixes for the published site that the book's configuration alone cannot make.

- Sphinx 7.4 writes every inline script an extension registers after the builder has started
  (sphinx-thebe's `const THEBE_JS_URL = ...`, sphinx-togglebutton's selector) twice: once from
  `app.add_js_file` (filename None) and once from `prepare_writing` (filename ''). The second
  `const` is a SyntaxError in every page's console. We keep the first copy of each script.
- Two buttons of pydata-sphinx-theme carry an accessible name that does not contain their visible
  text (axe `label-content-name-mismatch`, WCAG 2.5.3, "serious"); we patch their templates.
- A long inline literal (a path, a command) or a heading's last word with its "#" link cannot wrap,
  so it widens a phone's page; CSS lets them.
"""

import re
from pathlib import Path

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
"""


def write_css(app, exception):
    if exception is None and app.builder.format == "html":
        Path(app.outdir, "_static", "course_site.css").write_text(CSS)


def use_accessible_templates(app, config):
    config.template_bridge = f"{__name__}.AccessibleTemplateLoader"


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
    app.add_css_file("course_site.css")
    app.connect("build-finished", write_css)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
