"""Text browsers' own dumps of a page, for the benchmark.

The text model trains on renderings that do not wrap lines (inscriptis,
html2text). Many scraped dumps come from a text browser, which wraps each
paragraph at 80 columns (`cleaner.reflow` joins them back for the model)
and, for lynx and elinks by default, numbers every link and lists the
addresses at the end. The benchmark runs the browsers installed here;
``make bench`` installs lynx, w3m, links and elinks from Debian's packages
when it can. Beside them, the dump many scrapers keep, made without a
browser: BeautifulSoup's ``get_text("\\n")``, each text node on a line of
its own (`soup_text`).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

#: Each browser's dump command, as its users run it (the HTML file goes last).
BROWSERS: dict[str, list[str]] = {
    "lynx": [
        "lynx", "-dump", "-nolist", "-force_html",
        "-assume_charset=utf-8", "-display_charset=utf-8",
    ],
    "lynx, links listed": [
        "lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8",
    ],
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "utf-8", "-O", "utf-8"],
    "links": ["links", "-dump", "-html-assume-codepage", "utf-8", "-codepage", "utf-8"],
    "elinks": [
        "elinks", "-no-home", "1", "-dump", "1", "-dump-charset", "utf-8",
        "-eval", 'set document.codepage.assume = "utf-8"',
    ],
}  # fmt: skip
#: The browsers whose dumps list the link addresses after the page.
LISTING = frozenset({"lynx, links listed", "elinks"})
#: Seconds a browser may take over one page.
TIMEOUT = 60


def installed() -> dict[str, list[str]]:
    """The browsers of `BROWSERS` found on the PATH."""
    return {name: cmd for name, cmd in BROWSERS.items() if shutil.which(cmd[0])}


def soup_text(html: str) -> str:
    """The page as a scraper's BeautifulSoup gives it: ``get_text("\\n")``
    after its scripts and styles are taken out, each text node on a line of
    its own (so a sentence breaks at every link)."""
    import bs4

    with warnings.catch_warnings():  # a page that declares itself XML is read as HTML all the same
        warnings.simplefilter("ignore", bs4.XMLParsedAsHTMLWarning)
        soup = bs4.BeautifulSoup(html, "lxml")
    for element in soup(["script", "style", "noscript", "template"]):
        element.decompose()
    return str(soup.get_text("\n"))


#: The dumps made in Python, as scrapers make them (the library is a dev
#: dependency, imported when a page is dumped).
SCRAPERS: dict[str, Callable[[str], str]] = {"BeautifulSoup": soup_text}


def dumpers() -> dict[str, Callable[[Sequence[str]], list[str]]]:
    """Each dump the benchmark can make here, by name: the installed
    browsers', then BeautifulSoup's when it is installed (a dev dependency)."""
    found: dict[str, Callable[[Sequence[str]], list[str]]] = {
        name: functools.partial(dump_all, command=command) for name, command in installed().items()
    }
    if importlib.util.find_spec("bs4") is not None:
        for name, text_of in SCRAPERS.items():
            found[name] = functools.partial(_dump_each, text_of=text_of)
    return found


def _dump_each(pages: Sequence[str], text_of: Callable[[str], str]) -> list[str]:
    return [text_of(html) for html in pages]


#: A charset an HTML page declares in a meta tag (as `cleaner.pages.decode` reads it, on text).
_DECLARED_CHARSET = re.compile(r"(<meta[^>]+charset\s*=\s*[\"']?\s*)([\w.:-]+)", re.IGNORECASE)


def as_utf8(html: str) -> str:
    """``html`` declaring the UTF-8 it is saved in. The corpora's pages are
    decoded already; a page that still declared its original charset
    (ISO-8859-1, GB2312) would be misread by lynx, which believes the page
    over ``-assume_charset``.

    >>> as_utf8('<meta charset="iso-8859-1"><p>café')
    '<meta charset="utf-8"><p>café'
    """
    return _DECLARED_CHARSET.sub(r"\1utf-8", html)


def dump(html: str, command: Sequence[str]) -> str:
    """The page as ``command`` dumps it ("" when the browser fails or hangs)."""
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8", delete=False) as f:
        f.write(as_utf8(html))
    try:
        done = subprocess.run([*command, f.name], capture_output=True, timeout=TIMEOUT)
        return done.stdout.decode("utf-8", "replace")
    except (subprocess.TimeoutExpired, OSError):
        return ""
    finally:
        os.unlink(f.name)


def dump_all(pages: Sequence[str], command: Sequence[str], workers: int = 4) -> list[str]:
    """``dump`` of each page, in order, a few browsers at a time."""
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda html: dump(html, command), pages))
