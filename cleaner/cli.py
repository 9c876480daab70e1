"""The ``cleaner`` command: thin typer wrappers over the library."""

from __future__ import annotations

import dataclasses
import logging
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from cleaner.api import Cleaner
    from cleaner.document import Document

from cleaner.errors import CleanerError, InputError
from cleaner.limits import MAX_PAGE_CHARS, PAGE_TIMEOUT

app = typer.Typer(
    help="Label each line of a scraped page as article or chrome, and keep the article.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class _StderrHandler(logging.Handler):
    """Log records to whatever ``sys.stderr`` is when they are emitted."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


#: What `clean` prints between two pages: a line holding a form feed.
PAGE_SEPARATOR = "\f\n"


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"cleaner {version('cleaner')}")
        except PackageNotFoundError:
            typer.echo("cleaner (not installed)")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, help="Log what happens to stderr (-vv: in detail)."
        ),
    ] = 0,
) -> None:
    """Label each line of a scraped page as article or chrome, and keep the article."""
    if verbose:
        logger = logging.getLogger("cleaner")
        if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
            handler = _StderrHandler()
            handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if verbose > 1 else logging.INFO)


ModelOption = Annotated[
    Path | None,
    typer.Option("--model", "-m", help="Model file (default: the shipped model).", dir_okay=False),
]
HtmlOption = Annotated[
    bool | None,
    typer.Option(
        "--html/--text",
        help="Treat input as HTML / as plain text (default: detect HTML by its start).",
        show_default=False,
    ),
]
TrustOption = Annotated[
    bool,
    typer.Option(
        "--trust-model",
        help="Load a --model file that is not the shipped model. Model files are pickles: "
        "loading one runs code, so use only files you made or trust.",
    ),
]
LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Keep only pages whose cleaned text is in this language (ISO 639-1, e.g. en).",
    ),
]
ThresholdOption = Annotated[
    float | None,
    typer.Option(
        help=(
            "Keep lines whose article probability is at least this (0-1); "
            "a page where none is keeps its best lines."
        ),
        min=0.0,
        max=1.0,
    ),
]


def _fail(message: str) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _read_page(path: str, html: bool | None) -> tuple[str, str, bool]:
    """(name, decoded page, is HTML) of a file path or of stdin for ``-``.

    ``html`` None detects HTML by how the page starts or by its file name.
    """
    from cleaner.pages.decode import (
        HTML_SUFFIXES,
        decode_bytes,
        decode_html,
        looks_like_html,
        read_bytes,
    )

    name = "<stdin>" if path == "-" else path
    data = sys.stdin.buffer.read() if path == "-" else read_bytes(path)
    if html is None:
        html = looks_like_html(data) or path.lower().endswith(HTML_SUFFIXES)
    is_html = html
    return name, decode_html(data, name) if is_html else decode_bytes(data, name), is_html


def _load(model: Path | None, threshold: float | None = None, trusted: bool = False) -> Cleaner:
    from cleaner.api import Cleaner

    return Cleaner.load(model, threshold, trusted, warm=False)


@app.command()
def clean(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Text or HTML files; '-' or none reads stdin.")
    ] = None,
    labels: Annotated[
        bool,
        typer.Option(
            "--labels",
            help="Print label<TAB>score<TAB>line for every line (json: add every line "
            "with its label and score).",
        ),
    ] = False,
    language: LanguageOption = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="text: the article lines; markdown: the same with headings marked and "
            "table rows kept together (HTML); json: one JSON record a page with the text, "
            "the counts and, for HTML, the page's metadata (title, author, date, site).",
        ),
    ] = "text",
    html: HtmlOption = None,
    model: ModelOption = None,
    trust_model: TrustOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Print the article lines of each page, in input order.

    HTML pages (told by how they start, or by a .html/.htm/.xhtml name) are
    rendered to text lines first; the output lines are lines of that
    rendering. A text browser's dump (lynx, w3m), wrapped at a fixed width,
    is scored paragraph by paragraph and its own lines are printed; the
    list of link addresses after the page is cut.
    Several pages are separated by a form-feed line; a page with
    nothing kept prints nothing. A file that cannot be read or cleaned is
    reported on stderr, the others are still cleaned, and the exit code is 1.
    """
    from cleaner.labelled import format_labelled
    from cleaner.output import FORMATS, format_page

    if fmt not in FORMATS:
        _fail(f"unknown --format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        cleaner = _load(model, threshold, trust_model)
    except CleanerError as exc:
        _fail(str(exc))
    failed = printed = False
    for path in paths or ["-"]:
        try:
            name, text, is_html = _read_page(path, html)
            if not text.strip():
                typer.echo(f"warning: {name}: empty input, nothing to clean", err=True)
                continue
            doc = cleaner.label_html(text, name) if is_html else cleaner.label(text)
        except CleanerError as exc:
            typer.echo(f"error: {exc}", err=True)
            failed = True
            continue
        detected = None
        if language is not None or fmt == "json":
            from cleaner.pages.language import detect_language

            detected = detect_language(doc.article_text())
        if language is not None and detected != language:
            continue  # a page in another language prints nothing
        if labels and fmt == "text":
            out = format_labelled(doc, with_scores=True)
        else:
            metadata = None
            if fmt == "json" and is_html:
                from cleaner.pages.trafilatura import page_metadata

                metadata = page_metadata(text)
            out = format_page(doc, fmt, is_html, metadata, with_lines=labels, language=detected)
        if not out:
            continue
        if printed and fmt != "json":  # JSON records are a line each: no separator
            sys.stdout.write(PAGE_SEPARATOR)
        sys.stdout.write(out)
        printed = True
    if failed:
        raise typer.Exit(1)


@app.command()
def label(
    path: Annotated[str, typer.Argument(help="Text or HTML file to pre-label ('-' for stdin).")],
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")
    ] = None,
    uncertain: Annotated[
        int | None,
        typer.Option(
            help="Instead, list the N lines the model is least sure of "
            "(line number, score, label, text): label these first.",
            min=1,
        ),
    ] = None,
    model: ModelOption = None,
    trust_model: TrustOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Write the page in the labelled format, pre-labelled, to correct by hand."""
    from cleaner.labelled import format_labelled
    from cleaner.review import uncertain_lines

    try:
        cleaner = _load(model, threshold, trust_model)
        doc = _label_page(path, cleaner)
    except CleanerError as exc:
        _fail(str(exc))
    if uncertain is not None:
        rows = uncertain_lines(doc, uncertain, cleaner.threshold)
        rendered = "".join(
            f"{line.position + 1}\t{line.score:.3f}\t{line.label}\t{line.text}\n" for line in rows
        )
    else:
        rendered = format_labelled(doc)
    if out is None:
        sys.stdout.write(rendered)
    else:
        out.write_text(rendered, encoding="utf-8")
        typer.echo(f"wrote {out}", err=True)


def _label_page(path: str, cleaner: Cleaner, html: bool | None = None) -> Document:
    """One text or HTML page, labelled and named after its path."""
    name, text, is_html = _read_page(path, html)
    if not text.strip():
        raise InputError(f"{name}: empty input, nothing to label")
    doc = cleaner.label_html(text, name) if is_html else cleaner.label(text)
    return dataclasses.replace(doc, name=name)


@app.command()
def review(
    paths: Annotated[list[str], typer.Argument(help="Text or HTML pages to review.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The HTML report to write.", dir_okay=False)
    ] = Path("report.html"),
    html: HtmlOption = None,
    model: ModelOption = None,
    trust_model: TrustOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Write one self-contained HTML report: every line, coloured by label, with its score."""
    from cleaner.review import PageCounts, review_report

    try:
        cleaner = _load(model, threshold, trust_model)
        docs = [_label_page(p, cleaner, html) for p in paths]
    except CleanerError as exc:
        _fail(str(exc))
    out.write_text(review_report(docs, cleaner.threshold, cleaner.model_id), encoding="utf-8")
    for doc in docs:
        c = PageCounts.of(doc, cleaner.threshold)
        typer.echo(
            f"{doc.name}: {c.lines} lines, {c.article} article, {c.chrome} chrome, "
            f"{c.uncertain} uncertain",
            err=True,
        )
    typer.echo(f"wrote {out}", err=True)


def _labelled_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        files += sorted(p.glob("*.tsv")) if p.is_dir() else [p]
    if not files:
        raise InputError("no labelled files (*.tsv) found")
    return files


@app.command()
def train(
    labelled: Annotated[
        list[Path], typer.Argument(help="Labelled pages (.tsv files or folders of them).")
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write the model.", dir_okay=False)
    ],
    name: Annotated[str, typer.Option(help="Name recorded in the model card.")] = "custom",
    base: Annotated[
        str | None,
        typer.Option(
            help="Adapt this model ('default' for the shipped one) to the labelled pages of "
            "one site instead of training from scratch; the base model is kept whole.",
        ),
    ] = None,
    trust_model: TrustOption = False,
) -> None:
    """Train a model on labelled pages, or adapt one to a site with --base.

    Prints metrics cross-validated by page (leave-one-page-out with --base).
    """
    from cleaner.labelled import read_labelled
    from cleaner.model.bundle import save_bundle
    from cleaner.training.fit import adapt_bundle, train_bundle

    try:
        docs = [read_labelled(p) for p in _labelled_files(labelled)]
        typer.echo(f"training on {len(docs)} page(s), {sum(map(len, docs))} lines", err=True)
        if base is None:
            bundle = train_bundle(docs, name=name)
        else:
            base_path = None if base == "default" else Path(base)
            bundle = adapt_bundle(_load(base_path, None, trust_model).bundle, docs, name)
        save_bundle(bundle, out)
    except CleanerError as exc:
        _fail(str(exc))
    metrics = bundle.card.metrics
    for key, label in (
        ("cross_validation", "cross-validated by page"),
        ("leave_one_page_out_base", "base model alone, same pages"),
        ("leave_one_page_out_adapted", "adapted, leave-one-page-out"),
    ):
        cv = metrics.get(key)
        if cv is not None:
            extra = (
                f"  chrome lines kept {cv['chrome_lines_kept']}"
                if "chrome_lines_kept" in cv
                else ""
            )
            typer.echo(
                f"{label}: precision {cv['precision']:.3f}  recall {cv['recall']:.3f}  "
                f"F1 {cv['f1']:.3f}{extra}"
            )
    if not metrics:
        typer.echo("cross-validation: needs at least 2 pages; none reported")
    memory = getattr(bundle.text_model, "memory_", None)
    if memory is not None:
        typer.echo(f"site memory: {len(memory)} lines from {memory.pages} page(s)")
    typer.echo(f"wrote {out}; use it with --model {out} --trust-model", err=True)


@app.command()
def evaluate(
    labelled: Annotated[
        list[Path], typer.Argument(help="Labelled pages (.tsv files or folders of them).")
    ],
    model: ModelOption = None,
    trust_model: TrustOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Line precision, recall and F1 of article, next to trafilatura and jusText."""
    from cleaner.labelled import read_labelled
    from cleaner.training.evaluate import BASELINES, cleaner_verdicts, gold_verdicts, pooled_scores

    try:
        docs = [read_labelled(p) for p in _labelled_files(labelled)]
        cleaner = _load(model, threshold, trust_model)
        systems = {"cleaner": cleaner_verdicts(cleaner), **BASELINES}
        typer.echo(
            f"{len(docs)} page(s), {sum(map(len, docs))} lines, {sum(sum(gold_verdicts(d)) for d in docs)} article"
        )
        typer.echo(f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>6}")
        for system, verdicts in systems.items():
            s = pooled_scores(docs, verdicts)
            typer.echo(f"{system:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}")
    except CleanerError as exc:
        _fail(str(exc))


@app.command()
def corpus(
    names: Annotated[
        list[str] | None, typer.Argument(help="Corpora to build (default: all).")
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(help="Folder of the corpora (default: ../shared/data or $CLEANER_DATA)."),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(help="Cache folder (default: $CLEANER_CACHE or ~/.cache/cleaner)."),
    ] = None,
) -> None:
    """Render the public corpora with every renderer and label their lines by alignment."""
    from cleaner.training.corpora import CORPORA
    from cleaner.training.corpus import build_corpus
    from cleaner.training.dumps import RENDERERS

    wanted = names or list(CORPORA)
    unknown = sorted(set(wanted) - set(CORPORA))
    if unknown:
        _fail(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    try:
        for name in wanted:
            for renderer in RENDERERS:
                path = build_corpus(name, renderer, data, cache)
                typer.echo(f"{name} / {renderer}: {path}")
    except CleanerError as exc:
        _fail(str(exc))


@app.command()
def align(
    page: Annotated[Path, typer.Argument(help="The page's HTML.")],
    gold: Annotated[Path, typer.Argument(help="The page's clean main text (UTF-8).")],
    renderer: Annotated[
        str, typer.Option(help="How to render the HTML: inscriptis or html2text.")
    ] = "inscriptis",
    title: Annotated[str | None, typer.Option(help="Title, counted as article text.")] = None,
) -> None:
    """Turn your own HTML + clean-text pair into a labelled page for training."""
    from cleaner.labelled import format_labelled
    from cleaner.pages.decode import decode_html, read_bytes, read_text
    from cleaner.training.align import align as align_dump
    from cleaner.training.dumps import render

    try:
        dump = render(decode_html(read_bytes(page), str(page)), renderer)
        doc = align_dump(dump, read_text(gold), title)
    except CleanerError as exc:
        _fail(str(exc))
    if not len(doc):
        _fail(f"{page}: the rendered page has no text")
    sys.stdout.write(format_labelled(doc))


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Directories of .txt/.html pages, .jsonl or .warc files (each optionally "
            ".gz), or '-' for JSONL on stdin.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output directory; '-' writes the JSONL records to stdout.",
            file_okay=False,
        ),
    ],
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Local worker processes (-1: all cores).")
    ] = -1,
    dask: Annotated[
        str | None,
        typer.Option(help="Run on this Dask scheduler (e.g. tcp://host:8786) instead."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            help="Per-page time limit in seconds (0: none). Pages are cleaned in a child "
            "process that is killed when a page runs over it (a 'timeout' record).",
            min=0.0,
        ),
    ] = PAGE_TIMEOUT,
    max_bytes: Annotated[
        int, typer.Option(help="Pages larger than this many bytes become errors.", min=1)
    ] = MAX_PAGE_CHARS,
    text_field: Annotated[str, typer.Option(help="JSONL field holding plain text.")] = "text",
    html_field: Annotated[str, typer.Option(help="JSONL field holding HTML.")] = "html",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the record id.")] = "id",
    url_field: Annotated[str, typer.Option(help="JSONL field holding the URL.")] = "url",
    pages_per_shard: Annotated[
        int, typer.Option(help="Page files per shard when reading directories.", min=1)
    ] = 500,
    records_per_shard: Annotated[
        int,
        typer.Option(
            help="Records per shard when splitting a big JSONL file (at most 64 shards a "
            "file) or HTML responses per shard of a big WARC file, so that every job has work.",
            min=1,
        ),
    ] = 100,
    compress: Annotated[
        bool, typer.Option("--compress/--no-compress", help="Write .jsonl.gz / .jsonl.")
    ] = True,
    site_repeats: Annotated[
        bool,
        typer.Option(
            "--site-repeats",
            help="First pass: count each site's lines over all its pages; a line on at least "
            "half of a site's pages (and 3) is cut as chrome. Sites are URL hosts, else inputs.",
        ),
    ] = False,
    stats: Annotated[
        Path | None, typer.Option(help="Also write the summary to this JSON file.", dir_okay=False)
    ] = None,
    language: LanguageOption = None,
    with_metadata: Annotated[
        bool,
        typer.Option(
            "--with-metadata",
            help="Add each HTML page's metadata to its record: title, author, date, site "
            "name, URL, description (trafilatura's metadata extraction); and every "
            "page's language.",
        ),
    ] = False,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="What each record's text holds: text (the article lines) or markdown "
            "(the same with headings marked and table rows kept together, for HTML).",
        ),
    ] = "text",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Clean again into an --out folder made with another model or other options "
            "(its earlier shards are removed).",
        ),
    ] = False,
    model: ModelOption = None,
    trust_model: TrustOption = False,
    threshold: ThresholdOption = None,
) -> None:
    """Clean many pages: one JSONL output shard per input shard, resumable.

    Each output record holds id, url (when known), text, lines, kept and
    model, or error and error_kind. Re-running the same command skips the
    shards whose output is complete; the folder's manifest.json records the
    model and options, and a run with others is refused unless --force.
    """
    import json
    import time

    from cleaner.batch import BatchOptions, Summary, plan_shards, run_batch
    from cleaner.batch.progress import ShardProgress
    from cleaner.batch.records import JsonlFields

    if fmt not in ("text", "markdown"):
        _fail(f"unknown --format {fmt!r}; expected text or markdown (records are JSON)")
    to_stdout = str(out) == "-"
    if to_stdout:  # shards are written to a scratch folder, then streamed in order
        import tempfile

        out, compress = Path(tempfile.mkdtemp(prefix="cleaner-batch-")), False
    options = BatchOptions(
        out_dir=str(out),
        model=None if model is None else str(model),
        threshold=threshold,
        trusted=trust_model,
        timeout=timeout or None,
        max_bytes=max_bytes,
        fields=JsonlFields(text_field, html_field, id_field, url_field),
        compress=compress,
        shard_sizes=(pages_per_shard, records_per_shard),
        with_metadata=with_metadata,
        language=language,
        text_format=fmt,
    )
    started = time.perf_counter()
    try:
        shards = plan_shards(inputs, pages_per_shard, records_per_shard)
        if not shards:
            _fail("no pages, JSONL or WARC files found in the inputs")
        from cleaner.batch.tasks import check_model

        # A bad model fails here, once, not per shard; with one local job the
        # process loaded here cleans the pages.
        check_model(options, keep=dask is None and (jobs == 1 or len(shards) <= 1))
        if site_repeats:
            from cleaner.batch import find_site_repeats

            repeats = find_site_repeats(shards, options, jobs, dask)
            options = dataclasses.replace(options, site_repeats=repeats)
            typer.echo(
                f"site repeats: {sum(map(len, repeats.values()))} lines on "
                f"{len(repeats)} site(s) will be cut",
                err=True,
            )
        with ShardProgress(len(shards)) as progress:
            done = run_batch(shards, options, jobs, dask, progress.update, force=force)
        if to_stdout:
            from cleaner.batch.tasks import output_path

            for shard in shards:
                with output_path(shard, options).open(encoding="utf-8") as records:
                    shutil.copyfileobj(records, sys.stdout)
    except CleanerError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        typer.echo(
            "interrupted"
            if to_stdout
            else "interrupted: complete shards are kept; run the same command again to resume",
            err=True,
        )
        raise typer.Exit(130) from None
    finally:
        if to_stdout:
            shutil.rmtree(out, ignore_errors=True)
    summary = Summary.of(done, time.perf_counter() - started)
    for line in summary.lines_of_text():
        typer.echo(line, err=True)
    if stats is not None:
        stats.write_text(json.dumps(summary.to_json(), indent=2) + "\n", encoding="utf-8")


def main() -> None:
    """Entry point of the ``cleaner`` command."""
    app()


if __name__ == "__main__":
    main()
