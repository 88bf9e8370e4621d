"""How the hooks set up a `mkdocs build` or `mkdocs serve` process (mkdocs_hooks.on_startup)."""

from __future__ import annotations

import gc

from handbook.mkdocs import events as mkdocs_hooks


def test_a_build_collects_garbage_less_often_and_not_once_more_at_exit(monkeypatch):
    registered = []
    monkeypatch.setattr(mkdocs_hooks.atexit, "register", registered.append)
    monkeypatch.setattr(mkdocs_hooks, "_command", mkdocs_hooks._command)  # restored afterwards
    thresholds = gc.get_threshold()
    try:
        mkdocs_hooks.on_startup(command="build", dirty=False)
        assert gc.get_threshold() == mkdocs_hooks.GC_THRESHOLDS
    finally:
        gc.set_threshold(*thresholds)
    # At exit the objects of the build are frozen, so Python's last collection passes them by.
    assert registered == [gc.freeze]
