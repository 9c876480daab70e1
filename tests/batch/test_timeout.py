import time

import pytest

from cleaner.batch.timeout import PageTimeout, time_limit


def busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_block_over_its_limit_raises_page_timeout():
    started = time.perf_counter()
    with pytest.raises(PageTimeout, match=r"longer than 0\.2 s"), time_limit(0.2):
        busy(30)
    assert time.perf_counter() - started < 10


def test_a_timeout_turned_into_another_error_is_still_a_timeout():
    # What happens when the timer's exception lands in a callback that
    # ignores it, or in code that catches it: the page fails for another reason.
    with pytest.raises(PageTimeout), time_limit(0.2):
        try:
            busy(30)
        except PageTimeout:
            raise ValueError("some other failure") from None


def test_errors_before_the_limit_pass_through_and_nothing_fires_later():
    with pytest.raises(ValueError), time_limit(0.5):
        raise ValueError("bad page")
    busy(0.8)  # a stray timer would raise here
