from cleaner.document import Document
from cleaner.training.evaluate import c4_verdicts, justext_verdicts, trafilatura_verdicts

PROSE = (
    "The council approved the new budget on Monday after a long debate that lasted "
    "well into the night, and the mayor said that the city would now hire more teachers."
)


def test_c4_filter():
    doc = Document.from_text(f"{PROSE}\nShare this\nWe use cookies to improve the site.\nOk.")
    assert c4_verdicts(doc) == [True, False, False, False]


def test_baselines_give_one_verdict_per_line():
    long_prose = f"{PROSE} It was the first time in years that this happened. {PROSE}"
    doc = Document.from_text("\n".join(["Home | News", long_prose, long_prose, "Copyright 2024"]))
    for verdicts in (justext_verdicts(doc), trafilatura_verdicts(doc)):
        assert len(verdicts) == 4
        assert verdicts[1] is True
    assert justext_verdicts(doc)[0] is False
