"""The adapter: the only package that imports MkDocs and Material for MkDocs.

``events`` translates MkDocs events into calls on the engine; ``config`` validates the
engine's options in mkdocs.yml; ``build_state`` holds what the adapter keeps for one build;
the other modules turn the engine's results into what MkDocs and Material expect
(navigation, search sections, theme blocks rendered once per folder). Everything that
reaches into another package's internals is fenced in ``speedups``.
"""
