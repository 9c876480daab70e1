"""L3S-GN1: ``original/UUID.html`` + ``annotated/UUID.html`` block labels.

Annotated blocks are ``<span class="x-nc-selN">``: 1 headline and 2 full
text are article; 0 and 3-5 (supplemental, related, comments) are chrome.
Non-ASCII characters show as ``?`` in the annotated files, so alignment
uses ASCII words only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

from cleaner.pages.trafilatura import decode_html_bytes
from cleaner.training.corpora.base import GoldPage

ARTICLE_CLASSES = ("x-nc-sel1", "x-nc-sel2")


def gold_from_annotated(annotated: str) -> str:
    """The headline and full-text blocks, one paragraph per block."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(annotated)
    xpath = " | ".join(f"//span[@class='{c}']" for c in ARTICLE_CLASSES)
    blocks = [" ".join(span.text_content().split()) for span in root.xpath(xpath)]
    return "\n\n".join(b for b in blocks if b)


def read(root: Path) -> Iterator[GoldPage]:
    """Every L3S-GN1 page with its gold text drawn from the annotations."""
    for folder in sorted((root / "l3s-gn1").glob("L3S-GN1-*")):
        urls: dict[str, str] = {}
        mapping = folder / "url-mapping.txt"
        if mapping.is_file():
            for row in mapping.read_text(encoding="utf-8", errors="replace").splitlines():
                parts = row.split()
                if len(parts) >= 2:
                    urls[parts[0].removeprefix("<urn:uuid:").rstrip(">")] = parts[1]
        for annotated_path in sorted((folder / "annotated").glob("*.html")):
            original = folder / "original" / annotated_path.name
            if not original.is_file():
                continue
            uuid = annotated_path.stem
            gold = gold_from_annotated(decode_html_bytes(annotated_path.read_bytes()))
            if not gold:
                continue
            url = urls.get(uuid)
            yield GoldPage(
                corpus="l3s-gn1",
                page_id=uuid,
                site=urlparse(url).netloc if url else uuid,
                html=decode_html_bytes(original.read_bytes()),
                gold=gold,
                url=url,
                ascii_only=True,
            )


#: Invisible mark appended to every word inside an article block, so that
#: block membership survives rendering; it is removed before use.
_MARK = "\u2063"


def block_labelled_dump(annotated: str, renderer: str) -> list[tuple[str, bool]]:
    """Render an annotated page; each dump line with its label from the blocks.

    A line is article when most of its words sit in headline or full-text
    blocks. This is the reference the alignment rule is validated against.
    """
    import re

    from lxml import html as lxml_html

    from cleaner.training.dumps import render

    root = lxml_html.fromstring(annotated)
    xpath = " | ".join(f"//span[@class='{c}']" for c in ARTICLE_CLASSES)
    mark = re.compile(r"(\w+)")
    for span in root.xpath(xpath):
        for node in span.iter():
            if node.text:
                node.text = mark.sub(rf"\1{_MARK}", node.text)
            if node is not span and node.tail:
                node.tail = mark.sub(rf"\1{_MARK}", node.tail)
    dump = render(lxml_html.tostring(root, encoding="unicode"), renderer)
    out = []
    for line in dump.split("\n"):
        if not line.strip():
            continue
        words = re.findall(r"\w+\u2063?", line)
        marked = sum(w.endswith(_MARK) for w in words)
        out.append((line.replace(_MARK, ""), bool(words) and marked * 2 > len(words)))
    return out
