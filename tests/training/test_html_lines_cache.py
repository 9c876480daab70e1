"""The cache of a corpus's HTML lines is keyed by the code and libraries that make them."""

from pathlib import Path

import cleaner.training.shipped as shipped
from cleaner.pages.render import HTML_LINES_VERSION


def test_the_key_follows_the_code_and_the_libraries(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "corpus_cache", lambda: tmp_path)
    key = shipped.html_lines_key()
    assert key == shipped.html_lines_key()
    path = shipped.html_lines_cache("wcxb")
    assert path.parent == tmp_path
    assert path.name == f"wcxb.html-lines.v{HTML_LINES_VERSION}.{key}.joblib"

    real_version = shipped.version
    monkeypatch.setattr(
        shipped, "version", lambda name: "0.0" if name == "trafilatura" else real_version(name)
    )
    assert shipped.html_lines_key() != key  # another trafilatura extracts otherwise

    monkeypatch.setattr(shipped, "version", real_version)
    copy = tmp_path / "render_copy.py"
    import cleaner.pages.render as render

    copy.write_text(Path(render.__file__).read_text(encoding="utf-8") + "\n# changed\n")
    monkeypatch.setattr(render, "__file__", str(copy))
    assert shipped.html_lines_key() != key  # a change to the renderer's code
