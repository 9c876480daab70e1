"""trafilatura's and jusText's line-level heuristics as features.

trafilatura's share/print filter, duplicate test and image-file pattern
run through `cleaner.pages.trafilatura`, on the lines they can match.
jusText's paragraph classes (one line a paragraph) are computed for the
whole page at once, by jusText's own rules and thresholds, from the page's
analysis; `cleaner.pages.trafilatura.justext_classes`, which runs
jusText's code itself, gives the same classes (a test compares them).
"""

from __future__ import annotations

import re

import numpy as np

from cleaner.features.analysis import ALNUM, SPACE, PageAnalysis, _per_line, _runs
from cleaner.features.base import LineFeatures
from cleaner.pages import trafilatura as traf

_CF_CLASSES = ("good", "neargood", "short", "bad")
#: jusText's classification thresholds (``justext.core`` defaults).
LENGTH_LOW, LENGTH_HIGH = 70, 200
STOPWORDS_LOW, STOPWORDS_HIGH = 0.30, 0.32
#: What makes jusText call a paragraph bad whatever its words.
_COPYRIGHT = re.compile(r"©|&copy")
#: A line that can name an image file: the extension, before the full pattern.
_IMAGE_HINT = re.compile(r"\.(?:avif|bmp|gif|hei[cf]|jpe?g|png|webp)")


def justext_page_classes(page: PageAnalysis) -> list[tuple[str, str]]:
    """jusText's (context-free, revised) class of each line; ``("", "")`` for a
    line without letters or digits."""
    n = page.n
    space = (page.classes & SPACE) > 0
    # jusText collapses each run of white space to one character...
    collapsed = page.lengths - _per_line(space & np.roll(space, 1), page.starts, page.ends)
    # ... and counts stop words among the white-space-separated tokens.
    token_starts, _token_ends = _runs(~space & (page.codes != 10))
    token_line = np.searchsorted(page.starts, token_starts, side="right") - 1
    stoplist = page.stoplist
    if len(page.lowered) == len(page.joined):
        tokens_lowered = page.lowered.split()
    else:
        tokens_lowered = [t.lower() for t in page.joined.split()]
    assert len(tokens_lowered) == len(token_starts), "tokens and their offsets differ"
    is_stop = np.fromiter(
        map(stoplist.__contains__, tokens_lowered), dtype=float, count=len(token_starts)
    )
    tokens = np.bincount(token_line, minlength=n)
    density = np.divide(
        np.bincount(token_line, weights=is_stop, minlength=n),
        tokens,
        out=np.zeros(n),
        where=tokens > 0,
    )
    copyright_ = (
        page.line_hits(_COPYRIGHT) > 0
        if "©" in page.joined or "&copy" in page.joined
        else np.zeros(n, bool)
    )
    cf = np.where(
        copyright_,
        "bad",
        np.where(
            collapsed < LENGTH_LOW,
            "short",
            np.where(
                density >= STOPWORDS_HIGH,
                np.where(collapsed > LENGTH_HIGH, "good", "neargood"),
                np.where(density >= STOPWORDS_LOW, "neargood", "bad"),
            ),
        ),
    )
    has_text = page.count(ALNUM) > 0
    kept = np.flatnonzero(has_text)
    revised = traf.revise_classes(cf[kept].tolist())
    out = [("", "")] * n
    for i, final in zip(kept.tolist(), revised, strict=True):
        out[i] = (str(cf[i]), final)
    return out


class TrafilaturaRules(LineFeatures):
    """Share/print filter, duplicate test, image names, jusText's classes.

    Examples
    --------
    >>> from cleaner.document import Document
    >>> doc = Document.from_text("Print\\nphoto_12.jpg\\nThe council met.")
    >>> X = TrafilaturaRules().fit([doc]).transform([doc])
    >>> X[:, :3].tolist()
    [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]
    """

    feature_names = (
        "share_filter",
        "duplicate",
        "image_file",
        *(f"justext_cf_{name}" for name in _CF_CLASSES),
        "justext_good",
    )

    def page_features(self, page: PageAnalysis) -> np.ndarray:
        """One row of heuristic verdicts per line."""
        n = page.n
        texts = page.stripped
        share = np.fromiter(map(traf.share_filter, texts), dtype=float, count=n)
        duplicate = np.asarray(traf.duplicate_flags(texts), dtype=float)
        image = np.zeros(n)
        for i in np.flatnonzero(page.line_hits(_IMAGE_HINT)).tolist():
            image[i] = traf.names_image_file(texts[i])
        classes = justext_page_classes(page)
        cf = np.array([c for c, _ in classes], dtype=object)
        final = np.array([f for _, f in classes], dtype=object)
        return np.column_stack(
            [share, duplicate, image, *(cf == name for name in _CF_CLASSES), final == "good"]
        ).astype(float)
