import re
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.document import Document
from cleaner.review import PageCounts, review_report, uncertain_lines
from tests.conftest import SEED_TEXT
from tests.seed_pages import seed_as_html

runner = CliRunner()
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("Chromium not installed (.ci/run installs Debian's chromium package)")
    return path


def test_report_marks_every_line_and_counts_match():
    doc = Document.from_text("Menu\n\nA sentence that is kept.\nMaybe").with_predictions(
        [0.1, 0.9, 0.55], 0.5
    )
    report = review_report([doc], 0.5, "m@1")
    assert report.count("<tr class=") == 3
    assert '<tr class="chrome">' in report
    assert '<tr class="article break">' in report  # the paragraph break is shown
    assert '<tr class="article uncertain">' in report
    counts = PageCounts.of(doc, 0.5)
    assert (counts.article, counts.chrome, counts.uncertain) == (2, 1, 1)
    assert "<script>" in report and "http" not in report  # self-contained


def test_report_escapes_page_text():
    doc = Document.from_text("<script>alert(1)</script>").with_predictions([0.9], 0.5)
    assert "<script>alert(1)" not in review_report([doc], 0.5)


def test_uncertain_lines_are_nearest_the_threshold():
    doc = Document.from_text("a\nb\nc\nd").with_predictions([0.99, 0.52, 0.3, 0.47], 0.5)
    assert [line.text for line in uncertain_lines(doc, 3, 0.5)] == ["b", "d", "c"]


def test_label_uncertain_lists_n_lines():
    result = runner.invoke(app, ["label", str(SEED_TEXT), "--uncertain", "4"])
    assert result.exit_code == 0
    rows = [row.split("\t") for row in result.stdout.splitlines()]
    assert len(rows) == 4
    distances = [abs(float(score) - 0.5) for _, score, _, _ in rows]
    assert distances == sorted(distances)
    source = SEED_TEXT.read_text().split("\n")
    for number, _, _, text in rows:
        assert source[int(number) - 1] == text


def test_review_report_opens_in_a_real_browser_with_matching_counts(tmp_path):
    browser = chromium()
    page = tmp_path / "page.html"
    page.write_text(seed_as_html())
    report = tmp_path / "report.html"
    result = runner.invoke(app, ["review", str(SEED_TEXT), str(page), "--out", str(report)])
    assert result.exit_code == 0, result.output
    dom = subprocess.run(
        [
            browser,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert 'data-ready="yes"' in dom  # the report's script ran
    written = re.findall(
        r'class="counts" data-lines="(\d+)" data-article="(\d+)" data-chrome="(\d+)" '
        r'data-uncertain="(\d+)"',
        dom,
    )
    counted = re.findall(
        r'class="browser-counts" data-lines="(\d+)" data-article="(\d+)" data-chrome="(\d+)" '
        r'data-uncertain="(\d+)"',
        dom,
    )
    assert len(written) == 2 and written == counted
    stderr_counts = re.findall(
        r": (\d+) lines, (\d+) article, (\d+) chrome, (\d+) uncertain", result.stderr
    )
    assert [tuple(c) for c in stderr_counts] == written
    lines, article, chrome, _ = map(int, written[0])
    assert lines == sum(1 for line in SEED_TEXT.read_text().split("\n") if line.strip())
    assert article + chrome == lines and article > 0 and chrome > 0
