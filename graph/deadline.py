"""Running a query with a time limit.

The work runs in a daemon thread; the caller waits at most ``seconds`` and then raises
QueryTimeout. Python work (the Cypher engine) is also stopped in its thread, by raising
QueryTimeout there; Oxigraph releases the interpreter while it evaluates, so the caller
gets control back at once, and the store finishes its current step in the background.

>>> call_with_timeout(lambda: 6 * 7, 1.0)
42
>>> import time
>>> call_with_timeout(lambda: time.sleep(0.5), 0.05)
Traceback (most recent call last):
...
c2ckg.graph.deadline.QueryTimeout: the query ran longer than 0.05 s and was stopped
"""
from __future__ import annotations

import ctypes
import threading
import traceback
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class QueryTimeout(TimeoutError):
    """A query ran longer than its time limit."""

    def __init__(self, seconds: float | None = None):
        self.seconds = seconds
        limit = f"{seconds:g} s" if seconds is not None else "its time limit"
        super().__init__(f"the query ran longer than {limit} and was stopped")


def call_with_timeout(fn: Callable[[], T], seconds: float | None) -> T:
    """``fn()``, or QueryTimeout if it takes longer than ``seconds`` (None: no limit)."""
    if seconds is None:
        return fn()
    outcome: dict[str, object] = {}
    lock = threading.Lock()

    def work() -> None:
        try:
            try:
                outcome["value"] = fn()
            except BaseException as exc:  # handed to the caller below
                # Free the frames' objects here: some (Oxigraph's result iterators) must be
                # dropped on the thread that made them.
                traceback.clear_frames(exc.__traceback__)
                outcome["error"] = exc
            finally:
                with lock:
                    outcome["done"] = True
            _pause()  # a QueryTimeout sent just before "done" is raised here, and dropped
        except QueryTimeout:
            pass

    thread = threading.Thread(target=work, name="c2ckg-query", daemon=True)
    thread.start()
    thread.join(seconds)
    with lock:
        if "done" not in outcome:
            _interrupt(thread)
            raise QueryTimeout(seconds)
    thread.join()
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, QueryTimeout):
            raise QueryTimeout(seconds) from None
        raise error  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _pause() -> None:
    """A Python call: where a pending asynchronous exception is delivered."""


def _interrupt(thread: threading.Thread) -> None:
    """Raise QueryTimeout inside ``thread`` at its next Python instruction."""
    if thread.ident is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident),
                                                   ctypes.py_object(QueryTimeout))
