"""Stage 3, Markdown: Python-Markdown extensions that apply the build's links to each page.

They work on the element tree, never on rendered HTML."""
