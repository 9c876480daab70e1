import numpy as np
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.document import Document, Label, line_key
from cleaner.labelled import format_labelled, read_labelled
from cleaner.model.site import SiteAdapter, SiteMemory
from tests.conftest import SEED_LABELS

runner = CliRunner()
PROMO = "Police said the investigation into the dark web markets would continue for several months."


def site_page(i: int) -> Document:
    """A page of the seed's site: the seed's chrome, a promo line, new article text."""
    seed = read_labelled(SEED_LABELS)
    rows = []
    for line in seed.lines:
        if line.label is Label.ARTICLE:
            rows.append(f"article\t{line.text} (page {chr(97 + i)})")
        else:
            rows.append(f"chrome\t{line.text}")
        if line.position == 16:
            rows.append(f"chrome\t{PROMO}")
    from cleaner.labelled import parse_labelled

    return parse_labelled("\n".join(rows) + "\n", name=f"page{i}")


def test_memory_overrides_only_lines_it_is_sure_of():
    labelled = Document.from_text("Home\n12 comments:\nShared line").with_predictions(
        [0, 0, 0], 0.5
    )
    other = Document.from_text("Shared line").with_predictions([1], 0.5)
    memory = SiteMemory.from_documents([labelled, other])
    page = Document.from_text("home\n3 Comments\nShared line\nUnseen line")
    adjusted = memory.adjust(page, np.array([0.9, 0.9, 0.9, 0.9]))
    assert adjusted[0] < 0.5 and adjusted[1] < 0.5  # known chrome, digits and case aside
    assert adjusted[2] == 0.9  # seen as both: the model decides
    assert adjusted[3] == 0.9  # unseen: the model decides
    assert line_key(" A  b 2024! ") == "a b 0"


def test_train_base_adapts_to_a_site_without_forgetting(tmp_path):
    pages = [site_page(i) for i in range(3)]
    for i, page in enumerate(pages[:2]):
        (tmp_path / f"p{i}.tsv").write_text(format_labelled(page))
    model = tmp_path / "site.joblib"
    result = runner.invoke(
        app,
        [
            "train",
            str(tmp_path / "p0.tsv"),
            str(tmp_path / "p1.tsv"),
            "--base",
            "default",
            "--out",
            str(model),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "adapted, leave-one-page-out" in result.stdout and "site memory:" in result.stdout
    new_page = tmp_path / "new.txt"
    new_page.write_text(pages[2].to_text())
    base = runner.invoke(app, ["clean", str(new_page)]).stdout
    adapted = runner.invoke(
        app, ["clean", str(new_page), "--model", str(model), "--trust-model"]
    ).stdout
    assert PROMO in base and PROMO not in adapted
    article = [line.text for line in pages[2].lines if line.label is Label.ARTICLE]
    kept_base = sum(text in base for text in article)
    kept_adapted = sum(text in adapted for text in article)
    assert kept_adapted >= kept_base  # no loss of article recall
    chrome = {line.text for line in pages[2].lines if line.label is Label.CHROME}
    # No chrome line gets through that the base model stopped.
    assert {t for t in chrome if t in adapted} <= {t for t in chrome if t in base}


def test_adapter_scores_html_pages_with_its_regression_not_only_its_memory(shipped):
    from cleaner.pages.render import html_document, mark_extraction
    from cleaner.training.fit import adapt_bundle

    pages = [site_page(i) for i in range(2)]
    adapted = adapt_bundle(shipped.bundle, pages, "site")
    assert isinstance(adapted.html_model, SiteAdapter)
    assert adapted.html_model.regression_ is not None
    html = "<html><body>" + "".join(f"<p>{line.text}</p>" for line in site_page(2).lines)
    doc = mark_extraction(html_document(html + "</body></html>"), "")
    base = shipped.bundle.html_model.predict_scores([doc])[0]
    scores = adapted.html_model.predict_scores([doc])[0]
    remembered = [line_key(line.text) in adapted.html_model.memory_.counts for line in doc]
    unseen = ~np.array(remembered)
    assert unseen.any()
    # Lines the memory never saw are still moved: by the site's regression.
    assert not np.allclose(base[unseen], scores[unseen])
