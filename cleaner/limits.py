"""Default limits on one page, shared by the library, the CLI and batch runs.

A page beyond a limit is refused with `InputError` (an error record in a
batch) rather than cleaned: time and memory grow with its size. Every limit
is configurable where it applies (`Cleaner`, ``cleaner batch`` options).
"""

#: Characters (or bytes, before decoding) of one page, text or HTML.
MAX_PAGE_CHARS = 20_000_000
#: Non-blank lines of one page.
MAX_PAGE_LINES = 200_000
#: Seconds one page may take in a batch run.
PAGE_TIMEOUT = 30.0
