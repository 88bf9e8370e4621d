"""The part timer gives each moment to the innermost part running, so parts add up."""

from __future__ import annotations

import time

from handbook_bench.parts import PartTimer, format_parts


def _busy(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


class Work:
    def outer(self):
        _busy(0.05)
        self.inner()
        _busy(0.05)

    def inner(self):
        _busy(0.1)

    def template(self):
        _busy(0.02)


def test_time_goes_to_the_innermost_part_and_adds_up():
    timer = PartTimer()
    timer.wrap(Work, "outer", "outer")
    timer.wrap(Work, "inner", "inner")
    started = time.process_time()
    Work().outer()
    total = time.process_time() - started
    assert 0.09 <= timer.seconds["inner"] <= 0.2
    assert 0.09 <= timer.seconds["outer"] <= 0.2  # its own 0.1 s, not the inner part's
    assert abs(timer.seconds["inner"] + timer.seconds["outer"] - total) < 0.02


def test_a_part_can_stay_inside_another():
    timer = PartTimer()

    class Ours:
        def render(self):
            Work().template()

    timer.wrap(Ours, "render", "ours")
    timer.wrap(Work, "template", "theme", unless_inside=frozenset({"ours"}))
    Ours().render()
    Work().template()
    assert timer.seconds["ours"] >= 0.02 and 0.02 <= timer.seconds["theme"] < 0.04


def test_the_table_lists_parts_with_their_share():
    table = format_parts(__import__("collections").Counter({"a part": 3.0, "another": 1.0, "other": 0.5}), 4.5)
    rows = [line.split("  ")[0] for line in table.splitlines()[2:]]
    assert rows == ["a part", "another", "whole build"]  # time outside every part is not a part
    assert "67%" in table.splitlines()[2]
