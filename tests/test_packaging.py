"""A non-editable install must carry the shipped model as package data."""

import subprocess
import sys
import zipfile

from tests.conftest import ROOT


def test_wheel_contains_the_model_and_the_command(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("cleaner-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        assert "cleaner = cleaner.cli:main" in zf.read(entry_points).decode()
    assert "cleaner/models/default.joblib" in names
    assert "cleaner/models/MODEL_CARD.md" in names
    assert "cleaner/cli.py" in names
    assert not any(n.startswith(("tests/", "seeds/")) for n in names)
