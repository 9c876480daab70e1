from cleaner.document import Document
from cleaner.features.lexical import LexicalFeatures


def test_similar_lines_share_hashed_ngrams_and_digits_fold():
    doc = Document.from_text("Forgot password?\nforgot PASSWORD\ndate 2017-07-20\ndate 2018-01-02")
    X = LexicalFeatures(word_bits=12, char_bits=12).fit([doc]).transform([doc])
    assert X.shape == (4, 2**13)
    sim = (X @ X.T).toarray()
    assert sim[0, 1] > 0.5 * sim[0, 0]
    assert (X[2] != X[3]).nnz == 0
