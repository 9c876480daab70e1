import time

import pytest

from cleaner.batch.sandbox import Sandbox, SandboxDiedError
from cleaner.batch.timeout import PageTimeout, time_limit

TARGETS = "tests.batch.sandbox_targets"


def test_calls_run_in_one_child_with_the_setup_sent_once():
    with Sandbox(f"{TARGETS}:echo", {"k": 1}, timeout=30, warm=f"{TARGETS}:ready") as box:
        assert box.call("a") == ({"k": 1}, "a")
        assert box.call(b"\x00bytes") == ({"k": 1}, b"\x00bytes")
        assert box.starts == 1
        assert box.info == "ready with {'k': 1}"


def test_a_thread_timer_cannot_stop_compiled_code_but_the_sandbox_can():
    from tests.batch.sandbox_targets import backtrack

    started = time.perf_counter()
    with pytest.raises(PageTimeout), time_limit(0.05):
        backtrack(None, 25)  # the timer's exception waits for the regex to return
    assert time.perf_counter() - started > 0.25  # so it lands late, not on time

    with Sandbox(f"{TARGETS}:backtrack", timeout=1.0) as box:
        box.start()
        started = time.perf_counter()
        with pytest.raises(PageTimeout, match="longer than 1 s"):
            box.call(60)  # would backtrack for centuries
        assert time.perf_counter() - started < 10
        assert box.call(5) is False  # a fresh child takes the next call
        assert box.starts == 2


def test_a_child_that_dies_is_reported_and_replaced():
    with Sandbox(f"{TARGETS}:die", timeout=30) as box:
        with pytest.raises(SandboxDiedError, match="exit code 3"):
            box.call()
        with pytest.raises(SandboxDiedError):
            box.call()
        assert box.starts == 2


def test_an_exception_in_the_child_is_raised_in_the_caller():
    with Sandbox(f"{TARGETS}:fail", timeout=30) as box:
        with pytest.raises(ValueError, match="bad page"):
            box.call()
        with pytest.raises(ValueError):
            box.call()
        assert box.starts == 1  # an exception does not cost the child
