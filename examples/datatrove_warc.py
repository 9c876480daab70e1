"""Clean every HTML page of a folder of WARC files with datatrove and cleaner.

    python examples/datatrove_warc.py CRAWL_DIR OUT_DIR

Reads ``CRAWL_DIR/*.warc.gz`` (and ``.warc``) with datatrove's WarcReader,
replaces each page's HTML with its article text (`CleanerExtractor`), and
writes JSONL.gz files to ``OUT_DIR``. Needs ``pip install 'cleaner[datatrove]'``.
"""

from __future__ import annotations

import sys


def main(crawl_dir: str, out_dir: str, tasks: int = 1) -> None:
    """Run the pipeline: read WARCs, clean, write JSONL."""
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerExtractor

    pipeline = [
        WarcReader(crawl_dir, glob_pattern="*.warc*"),
        CleanerExtractor(timeout=10),
        JsonlWriter(out_dir),
    ]
    executor = LocalPipelineExecutor(
        pipeline, tasks=tasks, workers=tasks, logging_dir=f"{out_dir}/logs"
    )
    executor.run()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
