"""Run a pure-Python computation with a CPU-time budget, in any thread.

Python-Markdown has inputs that take far longer than their size suggests. The caps that
`check` reports keep the known ones away from the renderer; this budget stops whatever
is left: a watchdog thread reads the working thread's own CPU clock and, once it has
used its budget, raises `RenderTimeout` inside that thread (an asynchronous exception,
delivered between two bytecodes), so no process or signal is needed and it works in
`mkdocs serve`'s build thread too. CPU time, not wall time: a busy machine does not turn
a page that renders into one that does not, so two builds stay identical.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_POLL_SECONDS = 0.02


class RenderTimeout(Exception):
    """The computation ran past its budget and was stopped."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None
    )


def run_with_budget(work: Callable[[], T], seconds: float) -> T:
    """`work()`, or RenderTimeout once it has used `seconds` of CPU time."""
    thread_id = threading.get_ident()
    clock = time.pthread_getcpuclockid(thread_id)
    started = time.clock_gettime(clock)
    lock = threading.Lock()
    finished = threading.Event()
    state = {"done": False, "fired": False}

    def watch() -> None:
        while not finished.wait(_POLL_SECONDS):
            if time.clock_gettime(clock) - started > seconds:
                with lock:
                    if not state["done"]:
                        state["fired"] = True
                        _raise_in(thread_id, RenderTimeout)
                return

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        return work()
    finally:
        finished.set()
        with lock:
            state["done"] = True
            if state["fired"]:
                _raise_in(thread_id, None)  # not delivered yet: withdraw it
                raise RenderTimeout
