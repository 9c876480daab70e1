"""`CleanerExtractor`: a datatrove pipeline step that replaces each
document's HTML with its article text, where datatrove's own
``Trafilatura`` extractor goes::

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerExtractor

    pipeline = [WarcReader("crawl/"), CleanerExtractor(), JsonlWriter("out/")]

Each document runs in datatrove's extractor sandbox: a process killed when
a page takes longer than ``timeout`` seconds (the document is then
dropped, counted as ``timeout``). Documents with nothing kept are dropped,
as datatrove's extractors do.
"""

from __future__ import annotations

from typing import Any

try:
    from datatrove.pipeline.extractors.base import BaseExtractor
except ImportError as exc:  # the extra is not installed
    raise ImportError(
        "cleaner.integrations.datatrove needs datatrove: pip install 'cleaner[datatrove]'"
    ) from exc

from cleaner.api import Cleaner


class CleanerExtractor(BaseExtractor):  # type: ignore[misc]
    """Replace each document's HTML (``doc.text``) with its article text.

    Parameters
    ----------
    timeout:
        Seconds one page may take.
    model, threshold, trusted:
        As for `Cleaner.load` (the shipped model by default).
    """

    name = "🧹 cleaner"

    def __init__(
        self,
        timeout: float = 5.0,
        model: str | None = None,
        threshold: float | None = None,
        trusted: bool = False,
    ) -> None:
        super().__init__(timeout)
        self.model = model
        self.threshold = threshold
        self.trusted = trusted
        self._cleaner: Cleaner | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cleaner"] = None  # a process that gets this step loads its own
        return state

    def cleaner(self) -> Cleaner:
        """The loaded model (loaded, warm, on first use)."""
        if self._cleaner is None:
            self._cleaner = Cleaner.load(self.model, self.threshold, self.trusted)
        return self._cleaner

    def extract(self, text: str) -> str:
        """The article text of one HTML page ("" when nothing is kept)."""
        if not text:
            self.cleaner()  # the sandbox's warm-up call: load the model
            return ""
        return self.cleaner().clean_html(text)

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
        """Load the model here first: the sandbox process then starts with it."""
        self.cleaner()
        yield from super().run(data, rank, world_size)
