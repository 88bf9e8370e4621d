"""Stage 3, Markdown: Python-Markdown extensions that apply the build's links to each page.

They work on the element tree, never on rendered HTML."""

# The Markdown extensions mkdocs.yml configures (markdown_extensions), in its order: what
# decides where a page's headings and paragraphs are and what ids the headings get. For
# code that converts Markdown as the site does outside a build (the case maker's chapter
# reader) and for tests; tests/unit/test_case_data.py keeps it in step with mkdocs.yml.
SITE_EXTENSIONS = [
    "toc",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
]
