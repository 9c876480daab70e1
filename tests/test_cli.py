import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.labelled import parse_labelled
from tests.conftest import SEED_LABELS, SEED_TEXT

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_clean_prints_article_lines():
    result = run("clean", SEED_TEXT)
    assert result.exit_code == 0
    assert result.stdout.startswith("Criminal dark web markets")
    assert "Cast your vote" not in result.stdout


def test_clean_reads_stdin():
    result = run("clean", "-", input=SEED_TEXT.read_text())
    assert result.exit_code == 0
    assert "The investigation" in result.stdout


def test_labels_view_has_three_columns():
    result = run("clean", "--labels", SEED_TEXT)
    rows = [r for r in result.stdout.split("\n") if r]
    assert all(len(r.split("\t", 2)) == 3 for r in rows)
    assert rows[0].startswith("chrome\t")


def test_label_output_is_the_labelled_format(tmp_path):
    out = tmp_path / "page.tsv"
    result = run("label", SEED_TEXT, "--out", out)
    assert result.exit_code == 0
    doc = parse_labelled(out.read_text())
    assert len(doc) == 91


def test_train_then_evaluate(tmp_path):
    model = tmp_path / "m.joblib"
    twin = tmp_path / "copy.tsv"
    twin.write_text(SEED_LABELS.read_text())
    result = run("train", SEED_LABELS, twin, "--out", model)
    assert result.exit_code == 0, result.output
    assert "cross-validated by page" in result.stdout
    untrusted = run("evaluate", SEED_LABELS, "--model", model)
    assert untrusted.exit_code == 1 and "--trust-model" in untrusted.stderr
    result = run("evaluate", SEED_LABELS, "--model", model, "--trust-model")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()[2:]]
    assert names == ["cleaner", "trafilatura", "justext"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait", "not valid UTF-8"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run("clean", bad)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_missing_file_directory_and_empty(tmp_path):
    assert "no such file" in run("clean", tmp_path / "nope.txt").stderr
    assert "is a directory" in run("clean", tmp_path).stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    result = run("clean", empty)
    assert result.exit_code == 0 and result.stdout == ""
    assert "empty input" in result.stderr
    assert run("label", empty).exit_code == 1


def test_bad_model_and_labels(tmp_path):
    result = run("clean", SEED_TEXT, "--model", tmp_path / "x.joblib")
    assert result.exit_code == 1 and "model file not found" in result.stderr
    bad = tmp_path / "bad.tsv"
    bad.write_text("articl\tTitle\n")
    result = run("train", bad, "--out", tmp_path / "m.joblib")
    assert result.exit_code == 1 and "bad.tsv:1" in result.stderr


def test_align_own_pair(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<html><body><nav>Home News</nav><h1>Dark web markets closed</h1>"
        "<p>Two of the largest markets were shut down by the police.</p>"
        "<footer>Copyright STV</footer></body></html>"
    )
    gold = tmp_path / "gold.txt"
    gold.write_text(
        "Dark web markets closed\n\nTwo of the largest markets were shut down by the police.\n"
    )
    result = run("align", page, gold)
    assert result.exit_code == 0, result.output
    doc = parse_labelled(result.stdout)
    assert [str(line.label) for line in doc] == ["chrome", "article", "article", "chrome"]
    assert run("align", page, gold, "--renderer", "lynx").exit_code == 1


def test_corpus_rejects_unknown_name():
    result = run("corpus", "nope")
    assert result.exit_code == 1 and "unknown corpus" in result.stderr


def test_clean_detects_html_and_reads_gzip(tmp_path):
    import gzip

    from tests.seed_pages import seed_article_lines, seed_as_html

    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(seed_as_html().encode()))
    result = run("clean", page)
    assert result.exit_code == 0
    assert result.stdout.split("\n")[0] == seed_article_lines()[0]
    as_text = run("clean", "--text", "--labels", page)  # told it is text: tags stay
    assert as_text.exit_code == 0 and "<p>" in as_text.stdout


def test_truncated_gzip_is_one_line_error(tmp_path):
    import gzip

    bad = tmp_path / "page.txt.gz"
    bad.write_bytes(gzip.compress(b"hello world " * 100)[:-12])
    result = run("clean", bad)
    assert result.exit_code == 1
    assert "gzip" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_verbose_logs_to_stderr_and_quiet_by_default():
    import logging

    quiet = runner.invoke(app, ["clean", str(SEED_TEXT)])
    assert quiet.exit_code == 0 and "loaded model" not in quiet.stderr
    loud = runner.invoke(app, ["-v", "clean", str(SEED_TEXT)])
    logger = logging.getLogger("cleaner")  # undo -v for later tests
    logger.setLevel(logging.NOTSET)
    logger.handlers = [h for h in logger.handlers if isinstance(h, logging.NullHandler)]
    assert loud.exit_code == 0
    assert "loaded model default" in loud.stderr
    assert "loaded model" not in loud.stdout  # data on stdout, diagnostics on stderr


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("cleaner ")


def test_several_pages_are_separated_and_a_bad_one_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run("clean", SEED_TEXT, bad, SEED_TEXT)
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "binary" in result.stderr
    pages = result.stdout.split("\f\n")
    assert len(pages) == 2 and pages[0] == pages[1]
    assert pages[0].startswith("Criminal dark web markets")


def test_a_page_with_nothing_kept_prints_nothing(tmp_path):
    menu = tmp_path / "menu.txt"
    menu.write_text("Home\nNews\nSport\nLog in\nRegister\n")
    result = run("clean", menu, "--threshold", "1.0")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("name", "start"),
    [
        (
            "page.xhtml",
            '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
        ),
        ("fragment.txt", "<div class='story'>"),
        ("page.html", "<span>"),  # a start that does not tell: the name does
    ],
)
def test_html_is_told_by_its_start_or_its_name(tmp_path, name, start):
    from tests.seed_pages import seed_as_html

    body = seed_as_html().split("<body>", 1)[1].split("</body>", 1)[0]
    page = tmp_path / name
    page.write_text(f"{start}<body>{body}</body>" + ("</div>" if "div" in start else ""))
    result = run("clean", page)
    assert result.exit_code == 0
    assert "<" not in result.stdout  # rendered, not cleaned as text with its markup
    assert "Criminal dark web markets" in result.stdout


def test_json_format_carries_text_counts_and_metadata(tmp_path):
    import json

    from tests.seed_pages import seed_as_html

    page = tmp_path / "page.html"
    page.write_text(seed_as_html())
    result = run("clean", "--format", "json", page, SEED_TEXT)
    assert result.exit_code == 0, result.output
    html_record, text_record = (json.loads(line) for line in result.stdout.splitlines())
    assert html_record["metadata"]["title"] == "News"
    assert html_record["metadata"]["date"] == "2017-07-20"
    assert html_record["text"].startswith("Criminal dark web markets")
    assert 0 < html_record["kept"] < html_record["lines_in"]
    assert "metadata" not in text_record and "lines" not in text_record
    with_lines = json.loads(run("clean", "--format", "json", "--labels", SEED_TEXT).stdout)
    assert len(with_lines["lines"]) == with_lines["lines_in"]
    kept = [line["text"] for line in with_lines["lines"] if line["label"] == "article"]
    assert kept == [line for line in with_lines["text"].split("\n") if line]
    assert run("clean", "--format", "xml", SEED_TEXT).exit_code == 1


def test_language_is_detected_and_filters():
    import json

    record = json.loads(run("clean", "--format", "json", SEED_TEXT).stdout)
    assert record["language"] == "en"
    assert run("clean", "--language", "en", SEED_TEXT).stdout.startswith("Criminal dark web")
    other = run("clean", "--language", "de", SEED_TEXT)
    assert other.exit_code == 0 and other.stdout == ""


def test_markdown_format_marks_the_headline_and_adds_nothing_else(tmp_path):
    from tests.seed_pages import seed_as_html

    headline = "Criminal dark web markets closed in major crackdown"
    html = seed_as_html().replace(f"<p>{headline}</p>", f"<h1>{headline}</h1>")
    assert f"<h1>{headline}</h1>" in html
    page = tmp_path / "page.html"
    page.write_text(html)
    markdown = run("clean", "--format", "markdown", page, page)
    assert markdown.exit_code == 0, markdown.output
    first, second = markdown.stdout.split("\f\n")
    assert first == second and first.startswith(f"# {headline}\n")
    plain = run("clean", page).stdout.split("\f\n")[0]
    assert first.replace(f"# {headline}", headline) == plain
