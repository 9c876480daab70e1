"""A child process that runs one function per call and is killed when a call
runs over its time limit.

A timer in the calling thread (`cleaner.batch.timeout.time_limit`) cannot
stop a long call into compiled code (lxml, a regular expression, the
model); killing a process can. `Sandbox` keeps one child process alive and
sends it each call over a pipe; a call that runs over its limit kills the
child and raises `PageTimeout`, and the next call starts a fresh child.

The child is a plain ``python`` process running `serve`, not a
`multiprocessing` one, so that it can be started from any worker: joblib's
processes, Dask's, or a thread of a crawler. It loads what its function
needs once, before the first call (``warm``), outside any time limit.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from multiprocessing.connection import Connection
from typing import Any

from cleaner.batch.timeout import PageTimeout

#: Seconds a fresh child may take to import and load what it needs.
START_TIMEOUT = 300.0


class SandboxDiedError(RuntimeError):
    """The child process died during a call (killed from outside, out of memory, a crash)."""


def _resolve(name: str) -> Any:
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)


class Sandbox:
    """Calls ``target(setup, *args)`` in a child process, ``timeout`` seconds at most.

    ``target`` and ``warm`` are ``"module:function"`` names the child
    imports; ``setup`` (picklable) is sent to the child once, and
    ``warm(setup)`` runs there before the first call (its result is kept
    as `info`). Use it as a context
    manager, or call `close`.
    """

    def __init__(
        self, target: str, setup: Any = None, timeout: float = 30.0, warm: str | None = None
    ) -> None:
        self.target = target
        self.setup = setup
        self.timeout = timeout
        self.warm = warm
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: tuple[Connection, Connection] | None = None
        #: Child processes started so far (the first, and one after each kill).
        self.starts = 0
        #: What ``warm(setup)`` returned in the latest child.
        self.info: Any = None

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the child process now (the first call otherwise does)."""
        self._ensure_child()

    def call(self, *args: Any) -> Any:
        """``target(setup, *args)`` in the child: its result, or its exception
        raised here. Raises `PageTimeout` after ``timeout`` seconds (the child
        is killed) and `SandboxDiedError` if the child dies."""
        send, recv = self._ensure_child()
        try:
            send.send(args)
        except OSError as exc:  # BrokenPipeError among them
            self._kill()
            raise SandboxDiedError(f"the cleaning process died ({exc})") from None
        if not recv.poll(self.timeout):
            self._kill()
            raise PageTimeout(f"page took longer than {self.timeout:g} s")
        return self._reply(recv, "")

    def close(self) -> None:
        """Stop the child process (it ends on its own when its pipe closes)."""
        self._close_pipes()
        if self._process is not None:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    def _reply(self, recv: Connection, when: str) -> Any:
        """The child's answer: a value, or its exception raised here."""
        try:
            ok, value = recv.recv()
        except (EOFError, OSError):
            code = self._kill()
            raise SandboxDiedError(f"the cleaning process died{when} (exit code {code})") from None
        if ok:
            return value
        raise value

    def _close_pipes(self) -> None:
        if self._conn is not None:
            for conn in self._conn:
                conn.close()
            self._conn = None

    def _kill(self) -> int | None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
        self._close_pipes()
        return process.returncode if process is not None else None

    def _ensure_child(self) -> tuple[Connection, Connection]:
        if self._process is not None and self._process.poll() is None and self._conn:
            return self._conn
        self._kill()
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        command = [sys.executable, "-c", _CHILD, str(to_child_r), str(from_child_w)]
        try:
            # stdout goes nowhere: the parent's stdout may carry the output.
            self._process = subprocess.Popen(
                command,
                pass_fds=(to_child_r, from_child_w),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
            )
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        send = Connection(to_child_w, readable=False)
        recv = Connection(from_child_r, writable=False)
        self._conn = (send, recv)
        self.starts += 1
        send.send((sys.path, self.target, self.warm, self.setup))  # sys.path: as spawn does
        if not recv.poll(START_TIMEOUT):
            self._kill()
            raise SandboxDiedError(f"the cleaning process did not start in {START_TIMEOUT:g} s")
        try:
            self.info = self._reply(recv, " while starting")
        except SandboxDiedError:
            raise
        except BaseException:  # warm-up failed (a bad model): no child is kept
            self._kill()
            raise
        return self._conn


_CHILD = "import sys; from cleaner.batch.sandbox import serve; serve(*map(int, sys.argv[1:]))"


def serve(read_fd: int, write_fd: int) -> None:
    """The child's loop: receive calls, send back ``(ok, result or exception)``.

    Ctrl-C reaches the whole process group: the child ignores it and ends
    when its parent, which handles it, closes the pipe.
    """
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    recv = Connection(read_fd, writable=False)
    send = Connection(write_fd, readable=False)
    try:
        path, target_name, warm_name, setup = recv.recv()
        sys.path[:] = path
        target = _resolve(target_name)
        info = _resolve(warm_name)(setup) if warm_name is not None else None
    except EOFError:
        return
    except BaseException as exc:  # reported to the parent, which raises it
        send.send((False, _portable(exc)))
        return
    send.send((True, info))
    while True:
        try:
            args = recv.recv()
        except EOFError:  # the parent closed the pipe or died
            return
        try:
            reply = (True, target(setup, *args))
        except Exception as exc:
            reply = (False, _portable(exc))
        send.send(reply)


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it pickles, else a RuntimeError saying what it was."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
