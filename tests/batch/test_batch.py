import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.batch import BatchOptions, clean_record, plan_shards, process_shard, run_batch
from cleaner.batch.records import JsonlFields, Record
from cleaner.cli import app
from cleaner.errors import InputError
from tests.conftest import ROOT, SEED_TEXT
from tests.seed_pages import seed_article_lines, seed_as_html

runner = CliRunner()


def read_out(path: Path) -> list[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def all_records(out: Path) -> list[dict]:
    return [r for p in sorted(out.glob("*.jsonl*")) for r in read_out(p)]


def write_jsonl(path: Path, records: list[dict | str]) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def write_warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.name.endswith(".gz"))
        for url, body, content_type in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
        writer.write_record(
            writer.create_warc_record(
                "http://x/", "request", payload=io.BytesIO(b"GET / HTTP/1.0\r\n\r\n")
            )
        )


@pytest.fixture()
def inputs(tmp_path):
    pages = tmp_path / "pages"
    (pages / "sub").mkdir(parents=True)
    (pages / "seed.txt").write_text(SEED_TEXT.read_text())
    (pages / "sub" / "seed.html.gz").write_bytes(gzip.compress(seed_as_html().encode()))
    (pages / "notes.md").write_text("ignored: not a page")
    jsonl = tmp_path / "records.jsonl.gz"
    write_jsonl(
        jsonl,
        [
            {"id": "a", "text": SEED_TEXT.read_text(), "url": "http://a"},
            "{broken",
            {"id": "c", "html": seed_as_html()},
            {"id": "d", "body": "no known field"},
        ],
    )
    warc = tmp_path / "crawl.warc.gz"
    write_warc(
        warc,
        [
            (
                "http://w/1",
                seed_as_html("iso-8859-1").encode("latin-1", "xmlcharrefreplace"),
                "text/html; charset=iso-8859-1",
            ),
            ("http://w/img", b"\x89PNG....", "image/png"),
        ],
    )
    return tmp_path, pages, jsonl, warc


def test_records_in_equal_records_out_in_order(inputs, tmp_path):
    _, pages, jsonl, warc = inputs
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "batch",
            str(pages),
            str(jsonl),
            str(warc),
            "--out",
            str(out),
            "--jobs",
            "1",
            "--stats",
            str(tmp_path / "s.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    by_shard = {p.name.split("-")[0]: read_out(p) for p in out.glob("*.jsonl.gz")}
    assert [r["id"] for r in by_shard["pages"]] == ["seed.txt", "sub/seed.html.gz"]
    assert [r["id"] for r in by_shard["records.jsonl.gz"]] == ["a", "records.jsonl.gz:2", "c", "d"]
    warc_out = by_shard["crawl.warc.gz"]
    assert len(warc_out) == 1 and warc_out[0]["url"] == "http://w/1"
    first = seed_article_lines()[0]
    for record in (
        *by_shard["pages"],
        by_shard["records.jsonl.gz"][0],
        by_shard["records.jsonl.gz"][2],
        warc_out[0],
    ):
        assert record["text"].split("\n")[0] == first
        assert 0 < record["kept"] < record["lines"]
        assert record["model"].startswith("default@")
    broken, missing = by_shard["records.jsonl.gz"][1], by_shard["records.jsonl.gz"][3]
    assert broken["error_kind"] == "read" and "text" not in broken
    assert "no string field" in missing["error"]
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["records"] == 7 and stats["errors"] == {"read": 2}
    assert stats["not_pages"] == 2  # the image response and the request record
    assert "records: 7 in 3 shards" in result.stderr


def test_jobs_two_and_one_give_identical_output(inputs, tmp_path):
    _, pages, jsonl, warc = inputs
    shards = plan_shards([pages, jsonl, warc])
    for jobs in (1, 2):
        run_batch(shards, BatchOptions(str(tmp_path / f"out{jobs}")), jobs=jobs)
    assert all_records(tmp_path / "out1") == all_records(tmp_path / "out2")


def test_dask_cluster_gives_the_local_output(inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    _, pages, jsonl, warc = inputs
    shards = plan_shards([pages, jsonl, warc])
    run_batch(shards, BatchOptions(str(tmp_path / "local")), jobs=1)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        done = run_batch(
            shards, BatchOptions(str(tmp_path / "dask")), dask_address=cluster.scheduler_address
        )
    assert len(done) == 3
    assert all_records(tmp_path / "local") == all_records(tmp_path / "dask")


def test_timeout_makes_an_error_record_and_the_batch_goes_on(tmp_path):
    # Under the page limits (a page over them is refused as soon as it is
    # segmented, which can beat the timeout), and seconds of work to clean.
    slow = "\n".join(
        f"Line {i} of a very long page about nothing in particular." for i in range(150_000)
    )
    options = BatchOptions(str(tmp_path), timeout=0.5)
    started = time.perf_counter()
    out = clean_record(Record("slow", slow), options)
    assert time.perf_counter() - started < 10
    assert out["error_kind"] == "timeout" and "text" not in out
    import dataclasses

    relaxed = dataclasses.replace(options, timeout=120)  # no stray timeout left behind
    assert clean_record(Record("ok", SEED_TEXT.read_text()), relaxed)["kept"] > 0


def test_size_limit_and_undecodable_pages_are_error_records(tmp_path):
    options = BatchOptions(str(tmp_path), max_bytes=1000)
    assert clean_record(Record("big", "x" * 1001), options)["error_kind"] == "too_large"
    bad = clean_record(Record("bin", b"\x89PNG\r\n\x1a\n\x00\x00"), options)
    assert bad["error_kind"] == "input" and "binary" in bad["error"]


def test_truncated_inputs_end_with_an_error_record(inputs, tmp_path):
    _, _, jsonl, warc = inputs
    cut_jsonl = tmp_path / "cut.jsonl.gz"
    cut_jsonl.write_bytes(jsonl.read_bytes()[:-30])
    cut_warc = tmp_path / "cut.warc.gz"
    cut_warc.write_bytes(warc.read_bytes()[: len(warc.read_bytes()) // 2])
    for path in (cut_jsonl, cut_warc):
        (shard,) = plan_shards([path])
        stats = process_shard(shard, BatchOptions(str(tmp_path / "out")))
        records = read_out(tmp_path / "out" / f"{shard.name}.jsonl.gz")
        assert records[-1]["error_kind"] == "read"
        assert stats.records == len(records)


def test_plan_rejects_unknown_and_missing_inputs(tmp_path):
    odd = tmp_path / "data.csv"
    odd.write_text("a,b")
    with pytest.raises(InputError, match="unknown input type"):
        plan_shards([odd])
    with pytest.raises(InputError, match="no such file"):
        plan_shards([tmp_path / "nope"])
    result = runner.invoke(app, ["batch", str(odd), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and result.stderr.startswith("error: ")


def test_directory_is_split_into_shards_of_pages(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text("Some text.\n")
    shards = plan_shards([tmp_path], pages_per_shard=2)
    assert [len(s.paths) for s in shards] == [2, 2, 1]
    assert shards == plan_shards([tmp_path], pages_per_shard=2)  # stable names: resumable


def test_stdin_jsonl(tmp_path):
    data = json.dumps({"id": "s", "text": SEED_TEXT.read_text()}) + "\n"
    result = runner.invoke(app, ["batch", "-", "--out", str(tmp_path)], input=data)
    assert result.exit_code == 0, result.output
    (record,) = read_out(tmp_path / "stdin.jsonl.gz")
    assert record["id"] == "s" and record["kept"] > 0
    # A second run from stdin into the same folder would replace the first's output.
    other = json.dumps({"id": "t", "text": "Home\nNews"}) + "\n"
    again = runner.invoke(app, ["batch", "-", "--out", str(tmp_path)], input=other)
    assert again.exit_code == 1 and "stdin" in again.stderr and "--out" in again.stderr
    (kept,) = read_out(tmp_path / "stdin.jsonl.gz")
    assert kept["id"] == "s"


def _default_sigint() -> None:
    # A shell starts background jobs with SIGINT ignored, and the child
    # would inherit that; the test needs the signal to arrive.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(args: list[str]) -> subprocess.Popen:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner.cli", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_default_sigint,
    )


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
def test_killed_run_leaves_no_complete_looking_shard_and_resumes(tmp_path, sig):
    page = {"text": SEED_TEXT.read_text()}
    inputs = []
    for k in range(3):
        path = tmp_path / f"part{k}.jsonl"
        write_jsonl(path, [dict(page, id=f"{k}-{i}") for i in range(40)])
        inputs.append(str(path))
    out = tmp_path / "out"
    args = ["batch", *inputs, "--out", str(out), "--jobs", "1"]
    proc = _start(args)
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("*.jsonl.gz")):
        time.sleep(0.05)
    assert list(out.glob("*.jsonl.gz")), "the first shard never completed"
    time.sleep(0.3)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    complete = list(out.glob("*.jsonl.gz"))
    assert 1 <= len(complete) < 3
    for path in complete:  # what looks complete is complete
        assert len(read_out(path)) == 40
    rerun = runner.invoke(app, [*args, "--stats", str(tmp_path / "s.json")])
    assert rerun.exit_code == 0, rerun.output
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["shards_resumed"] == len(complete)
    records = all_records(out)
    assert sorted(r["id"] for r in records) == sorted(
        f"{k}-{i}" for k in range(3) for i in range(40)
    )
    assert not list(out.glob(".*tmp*"))


def test_site_repeats_cut_lines_a_site_repeats(tmp_path):
    from tests.model.test_site import PROMO, site_page

    pages = tmp_path / "site"
    pages.mkdir()
    for i in range(4):
        (pages / f"{i}.txt").write_text(site_page(i).to_text())
    plain = runner.invoke(app, ["batch", str(pages), "--out", str(tmp_path / "a"), "--jobs", "1"])
    cut = runner.invoke(
        app, ["batch", str(pages), "--out", str(tmp_path / "b"), "--jobs", "1", "--site-repeats"]
    )
    assert plain.exit_code == 0 and cut.exit_code == 0, cut.output
    assert "site repeats:" in cut.stderr
    before, after = all_records(tmp_path / "a"), all_records(tmp_path / "b")
    assert all(PROMO in r["text"] for r in before)  # the model alone keeps it
    assert not any(PROMO in r["text"] for r in after)  # it is on every page: chrome
    for b, a in zip(before, after, strict=True):  # the stories themselves stay
        assert f"(page {chr(97 + int(b['id'][0]))})" in a["text"]


def test_site_repeats_count_the_lines_html_pages_are_labelled_as(tmp_path):
    # A promo in a layout table's side cell: counted and cut as the line it
    # is labelled as (cells are lines of their own), not as inscriptis's
    # side-by-side rendering of the row.
    promo = "Subscribe today and save half on the print edition of the paper."
    pages = tmp_path / "site"
    pages.mkdir()
    for i, town in enumerate(["Leeds", "York", "Hull", "Bath"]):
        story = " ".join(f"The {town} council decided on item {j} of its agenda." for j in "abcdef")
        (pages / f"{i}.html").write_text(
            f"<html><body><table><tr><td>{promo}</td>"
            f"<td>{story}<br>{story}</td></tr></table></body></html>"
        )
    cut = runner.invoke(
        app, ["batch", str(pages), "--out", str(tmp_path / "b"), "--jobs", "1", "--site-repeats"]
    )
    assert cut.exit_code == 0, cut.output
    records = all_records(tmp_path / "b")
    assert len(records) == 4
    assert not any(promo in r["text"] for r in records)
    assert all("council decided" in r["text"] for r in records)


def test_out_dash_writes_the_records_to_stdout(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pages = tmp_path / "pages.jsonl"
    rows = [{"id": f"p{i}", "text": SEED_TEXT.read_text()} for i in range(3)]
    pages.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = runner.invoke(app, ["batch", str(pages), "--out", "-", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["p0", "p1", "p2"]
    assert all(r["kept"] > 0 for r in records)
    assert not (tmp_path / "-").exists()


def test_a_resumed_run_with_other_settings_is_refused_unless_forced(tmp_path):
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "a", "text": SEED_TEXT.read_text()}) + "\n")
    out = tmp_path / "out"
    first = runner.invoke(app, ["batch", str(pages), "--out", str(out), "--jobs", "1"])
    assert first.exit_code == 0, first.output
    assert json.loads((out / "manifest.json").read_text())["threshold"] is None
    same = runner.invoke(app, ["batch", str(pages), "--out", str(out), "--jobs", "1"])
    assert same.exit_code == 0  # the same settings resume
    other = ["batch", str(pages), "--out", str(out), "--jobs", "1", "--threshold", "0.9"]
    refused = runner.invoke(app, other)
    assert refused.exit_code == 1 and "threshold" in refused.stderr and "--force" in refused.stderr
    forced = runner.invoke(app, [*other, "--force"])
    assert forced.exit_code == 0, forced.output
    assert json.loads((out / "manifest.json").read_text())["threshold"] == 0.9
    resharded = runner.invoke(app, [*other, "--records-per-shard", "7"])
    assert resharded.exit_code == 1 and "shard_sizes" in resharded.stderr
    (shard,) = out.glob("pages*.jsonl.gz")  # the earlier shard was removed, this one remade
    (record,) = read_out(shard)
    assert record["id"] == "a"


def test_site_repeats_count_a_site_over_every_input(tmp_path):
    # One page of the site in each file, as a crawl's WARCs spread a site.
    from tests.model.test_site import PROMO, site_page

    files = []
    for i in range(4):
        path = tmp_path / f"part{i}.jsonl"
        record = {
            "id": str(i),
            "url": f"https://news.example.com/{i}",
            "text": site_page(i).to_text(),
        }
        path.write_text(json.dumps(record) + "\n")
        files.append(str(path))
    cut = runner.invoke(
        app, ["batch", *files, "--out", str(tmp_path / "b"), "--jobs", "1", "--site-repeats"]
    )
    assert cut.exit_code == 0, cut.output
    records = all_records(tmp_path / "b")
    assert len(records) == 4
    assert not any(PROMO in r["text"] for r in records)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_a_big_jsonl_file_is_split_into_runs_of_records(tmp_path, suffix):
    import gzip

    from cleaner.batch.records import JsonlFields
    from cleaner.batch.tasks import iter_records

    rows = "".join(json.dumps({"text": f"Line {i} of the crawl."}) + "\n" for i in range(250))
    rows = rows.replace("\n", "\n\n", 1)  # a blank line too: line numbers still count it
    path = tmp_path / f"big{suffix}"
    path.write_bytes(gzip.compress(rows.encode()) if suffix.endswith(".gz") else rows.encode())
    (whole,) = plan_shards([path], records_per_shard=1000)
    shards = plan_shards([path], records_per_shard=100)
    assert len(shards) == 3 and len({s.name for s in shards}) == 3

    def records(shard):
        return [(r.id, r.content) for r in iter_records(shard, JsonlFields(), [0])]

    assert [r for s in shards for r in records(s)] == records(whole)
    assert len(records(whole)) == 250


def test_batch_splits_one_jsonl_file_for_its_jobs(tmp_path):
    pages = tmp_path / "pages.jsonl"
    rows = [{"id": f"p{i}", "text": SEED_TEXT.read_text()} for i in range(5)]
    pages.write_text("".join(json.dumps(r) + "\n" for r in rows))
    args = ["batch", str(pages), "--out", "-", "--jobs", "2", "--records-per-shard", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [
        f"p{i}" for i in range(5)
    ]
    assert "records: 5 in 3 shards" in result.stderr


def test_with_metadata_adds_the_html_pages_metadata(tmp_path):
    from tests.seed_pages import seed_as_html

    pages = tmp_path / "pages.jsonl"
    rows = [
        {"id": "h", "url": "https://news.example.com/story", "html": seed_as_html()},
        {"id": "t", "text": SEED_TEXT.read_text()},
    ]
    pages.write_text("".join(json.dumps(r) + "\n" for r in rows))
    args = ["batch", str(pages), "--out", "-", "--jobs", "1", "--with-metadata"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html_record, text_record = (json.loads(line) for line in result.stdout.splitlines())
    assert html_record["metadata"]["title"] == "News"
    assert html_record["metadata"]["sitename"] == "news.example.com"
    assert "metadata" not in text_record
    plain = runner.invoke(app, ["batch", str(pages), "--out", "-", "--jobs", "1"])
    assert all("metadata" not in json.loads(line) for line in plain.stdout.splitlines())


def test_records_carry_their_language_on_request_and_filters_keep_the_records(tmp_path):
    pages = tmp_path / "pages.jsonl"
    german = "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen."
    rows = [{"id": "en", "text": SEED_TEXT.read_text()}, {"id": "de", "text": german}]
    pages.write_text("".join(json.dumps(r) + "\n" for r in rows))
    plain = runner.invoke(app, ["batch", str(pages), "--out", "-", "--jobs", "1"])
    assert all("language" not in json.loads(line) for line in plain.stdout.splitlines())
    args = ["batch", str(pages), "--out", "-", "--jobs", "1", "--with-metadata"]
    result = runner.invoke(app, args)
    languages = [json.loads(line)["language"] for line in result.stdout.splitlines()]
    assert languages == ["en", "de"]
    args = ["batch", str(pages), "--out", "-", "--jobs", "1", "--language", "de"]
    filtered = [json.loads(line) for line in runner.invoke(app, args).stdout.splitlines()]
    assert [r["id"] for r in filtered] == ["en", "de"]  # records in = records out
    assert filtered[0]["text"] == "" and filtered[0]["filtered"] == "language"
    assert "filtered" not in filtered[1]


def _many_pages(n: int) -> list[tuple[str, bytes, str]]:
    pages = []
    for i in range(n):
        body = f"<html><body><p>Story {i} of the crawl.</p></body></html>".encode()
        kind = "image/png" if i % 7 == 3 else "text/html; charset=utf-8"
        pages.append((f"http://site{i % 3}.example/{i}", body, kind))
    return pages


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_a_big_warc_file_is_split_into_runs_of_records(tmp_path, suffix):
    from cleaner.batch.tasks import iter_records

    path = tmp_path / f"crawl{suffix}"
    write_warc(path, _many_pages(250))  # 214 HTML responses, 36 images, 1 request
    (whole,) = plan_shards([path], records_per_shard=1000)
    shards = plan_shards([path], records_per_shard=100)
    assert len(shards) == 3 and len({s.name for s in shards}) == 3

    def records(shard, skipped):
        return [(r.id, r.url, r.content) for r in iter_records(shard, JsonlFields(), skipped)]

    whole_skipped, part_skipped = [0], [0]
    expected = records(whole, whole_skipped)
    assert len(expected) == 214 and whole_skipped == [37]
    assert [r for s in shards for r in records(s, part_skipped)] == expected
    assert part_skipped == whole_skipped


def test_a_warc_gz_of_one_gzip_stream_stays_one_shard(tmp_path):
    plain = tmp_path / "crawl.warc"
    write_warc(plain, _many_pages(250))
    packed = tmp_path / "packed.warc.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))  # not one member per record
    shards = plan_shards([packed], records_per_shard=100)
    assert len(shards) == 1 and shards[0].span is None


def test_batch_cleans_one_warc_file_on_two_jobs(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, _many_pages(30))
    args = ["batch", str(path), "--out", "-", "--jobs", "2", "--records-per-shard", "10"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    urls = [json.loads(line)["url"] for line in result.stdout.splitlines()]
    assert sorted(urls) == sorted(u for u, _, kind in _many_pages(30) if "html" in kind)
    assert "in 3 shards" in result.stderr


def test_batch_markdown_records_mark_headings(tmp_path):
    headline = "Criminal dark web markets closed in major crackdown"
    html = seed_as_html().replace(f"<p>{headline}</p>", f"<h1>{headline}</h1>")
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "h", "html": html}) + "\n")
    args = ["batch", str(pages), "--out", "-", "--jobs", "1", "--format", "markdown"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (record,) = (json.loads(line) for line in result.stdout.splitlines())
    assert record["text"].startswith(f"# {headline}\n")
    bad = runner.invoke(app, ["batch", str(pages), "--out", "-", "--format", "json"])
    assert bad.exit_code == 1 and "unknown --format" in bad.output


def test_ctrl_c_to_the_process_group_ends_the_run_quietly(tmp_path):
    # A terminal's Ctrl-C reaches every process of the group, the cleaning
    # processes too: they must leave it to the run, with no traceback.
    path = tmp_path / "pages.jsonl"
    write_jsonl(path, [{"id": f"p{i}", "text": SEED_TEXT.read_text()} for i in range(400)])
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner.cli", "batch", str(path), "--out", str(out), "--jobs", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("*.jsonl.gz")):
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in err.decode() and "interrupted" in err.decode()
