"""The CPU-time budget that stops a runaway render, in the main thread and in the build
thread of `mkdocs serve` (no site build)."""

from __future__ import annotations

import threading
import time

import pytest

from skillsite.budget import RenderTimeout, run_with_budget


def spin() -> None:
    """Far more than the budget, but ends: a broken budget fails the test, never hangs it."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pass


def test_work_within_its_budget_returns_its_result() -> None:
    assert run_with_budget(lambda: sum(range(1000)), 5.0) == 499500


def test_runaway_work_is_stopped_and_the_thread_goes_on() -> None:
    with pytest.raises(RenderTimeout):
        run_with_budget(spin, 0.1)
    # Nothing is delivered late: the same thread keeps working.
    assert sum(run_with_budget(lambda: [n for n in range(200_000)], 5.0)) == 19_999_900_000


def test_runaway_work_is_stopped_in_another_thread() -> None:
    outcome: list[str] = []

    def build() -> None:
        try:
            run_with_budget(spin, 0.1)
        except RenderTimeout:
            outcome.append("stopped")

    worker = threading.Thread(target=build)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive()
    assert outcome == ["stopped"]
