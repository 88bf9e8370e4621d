"""The adapter: the only package that knows MkDocs and Material for MkDocs.

``events`` translates MkDocs events into calls on the engine; the other modules turn the
engine's results into what MkDocs and Material expect (navigation, search sections,
template fragments, translations).
"""
