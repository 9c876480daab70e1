"""Check the alignment rule against L3S-GN1's own block annotations.

For each page, the annotated HTML is rendered with block membership kept
(`block_labelled_dump`); the same dump is labelled by aligning it with the
gold text drawn from those blocks; the two labellings are compared line by
line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cleaner.errors import CleanerError
from cleaner.pages.trafilatura import decode_html_bytes
from cleaner.training.align import align
from cleaner.training.corpora.l3s import block_labelled_dump, gold_from_annotated
from cleaner.training.evaluate import LineScores


@dataclass(frozen=True)
class Agreement:
    """How often alignment labels equal block labels, over all lines."""

    pages: int
    lines: int
    agreement: float
    #: Alignment taken as a prediction of the block labels.
    scores: LineScores


def validate(root: Path, renderer: str, limit: int | None = None) -> Agreement:
    """Agreement of alignment with L3S-GN1 block labels for one renderer."""
    annotated_files = sorted((root / "l3s-gn1").glob("L3S-GN1-*/annotated/*.html"))[:limit]
    blocks: list[bool] = []
    aligned: list[bool] = []
    pages = 0
    for path in annotated_files:
        annotated = decode_html_bytes(path.read_bytes())
        gold = gold_from_annotated(annotated)
        if not gold:
            continue
        try:
            lines = block_labelled_dump(annotated, renderer)
        except CleanerError:
            continue
        doc = align("\n".join(text for text, _ in lines), gold, ascii_only=True)
        if len(doc) != len(lines):
            continue
        pages += 1
        blocks += [label for _, label in lines]
        aligned += [line.label is not None and line.label.value == "article" for line in doc]
    same = sum(a == b for a, b in zip(aligned, blocks, strict=True))
    return Agreement(
        pages, len(blocks), same / max(len(blocks), 1), LineScores.from_verdicts(blocks, aligned)
    )
