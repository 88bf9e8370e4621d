"""The benchmark: synthetic corpora and the measurements of how fast they build.

A development tool beside the engine (``handbook``), which never imports it. Its
commands: ``handbook-bench`` or ``python -m handbook_bench`` (handbook_bench.cli).
"""
