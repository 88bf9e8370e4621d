"""Python-Markdown extensions: they work on the element tree, never on rendered HTML."""
