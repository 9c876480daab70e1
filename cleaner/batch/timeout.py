"""A per-page time limit that works in any thread (joblib and Dask workers).

A timer raises `PageTimeout` asynchronously in the thread that runs the
page. Like a signal handler, it takes effect between Python bytecodes: a
single long call into C code finishes first. The input size limit bounds
those calls. Once the timer has fired, an error of any kind out of the block
is reported as `PageTimeout`.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class PageTimeout(BaseException):
    """A page took longer than its time limit.

    A `BaseException`, so that code which turns any `Exception` into its own
    error cannot swallow it.
    """


def _raise_in(thread_id: int) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(PageTimeout)
    )


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `PageTimeout` in this thread if the block runs over ``seconds``.

    None or a non-positive value means no limit.

    >>> with time_limit(5):
    ...     sum(range(10))
    45
    """
    if seconds is None or seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread_id)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except BaseException:
        # Once the timer has fired, any way out of the block is a timeout: the
        # asynchronous exception can land where Python ignores exceptions (a
        # weakref or garbage-collector callback) and the page then fails later
        # for another reason, or code can catch it and raise its own error.
        if state["fired"]:
            raise PageTimeout(f"page took longer than {seconds:g} s") from None
        raise
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:
                # The exception may be pending and not yet raised: clear it.
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
