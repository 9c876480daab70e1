"""Build the shipped default model: ``python -m cleaner.shipped`` (``make model``).

Training data: the labelled seed pages in ``seeds/``. Fixed seeds make the
result reproducible. Writes the bundle and ``MODEL_CARD.md`` beside it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from cleaner.bundle import Bundle, save_bundle
from cleaner.labelled import read_labelled
from cleaner.train import train_bundle

ROOT = Path(__file__).resolve().parent.parent


def write_card(bundle: Bundle, path: Path) -> None:
    """Render the bundle's card as Markdown."""
    card = bundle.card
    lines = [
        f"# Model card: {card['name']}",
        "",
        f"Created {card['created']}; feature version {card['feature_version']}.",
        "",
        "## Training data",
        "",
        "```json",
        json.dumps(card["training"], indent=2),
        "```",
        "",
        "## Metrics",
        "",
        "```json",
        json.dumps(card["metrics"], indent=2),
        "```",
        "",
        "## Library versions",
        "",
        *(f"- {name}: {version}" for name, version in card["libraries"].items()),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Train the default model from the seeds and write it with its card."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "default.joblib")
    args = parser.parse_args(argv)
    seeds = [read_labelled(p) for p in sorted(args.seeds.glob("*.tsv"))]
    bundle = train_bundle(seeds, name="default")
    save_bundle(bundle, args.out)
    write_card(bundle, args.out.parent / "MODEL_CARD.md")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
