import pytest

from cleaner.document import Document, Label
from cleaner.pages.render import html_document
from cleaner.selection import (
    BEST_SHARE,
    MAX_COMMENTS_HEADINGS,
    MIN_BEST,
    STORY_GAP,
    cut_comments,
    is_comments_heading,
    kept_lines,
    select,
    story_end,
    whole_code_blocks,
)


def test_lines_at_or_over_the_threshold_are_kept_and_nothing_else_when_one_is():
    assert kept_lines([0.5, 0.49, 0.3, 0.9], 0.5) == [True, False, False, True]


def test_a_page_where_no_line_reaches_the_threshold_keeps_its_best_lines():
    best = 0.45
    scores = [0.1, best, best * BEST_SHARE, best * BEST_SHARE - 0.01]
    assert kept_lines(scores, 0.5) == [False, True, True, False]


def test_a_page_whose_best_line_scores_low_keeps_nothing():
    low = MIN_BEST * 0.5 - 0.01
    assert kept_lines([0.0, low, low / 2], 0.5) == [False, False, False]
    assert kept_lines([0.0, 0.0], 0.5) == [False, False]


@pytest.mark.parametrize("threshold", [0.5, 0.9])
def test_the_floor_for_the_best_lines_follows_the_threshold(threshold):
    just_under = MIN_BEST * threshold - 0.01
    assert not any(kept_lines([just_under, 0.0], threshold))
    assert kept_lines([MIN_BEST * threshold, 0.0], threshold) == [True, False]


def test_an_empty_page_keeps_nothing():
    assert kept_lines([], 0.5) == []


def test_a_document_labels_its_lines_as_the_selection_keeps_them():
    doc = Document.from_text("Menu\nThe only line of the story.\nFooter")
    labelled = doc.with_predictions([0.05, 0.4, 0.15], 0.5)
    assert labelled.labels == [Label.CHROME, Label.ARTICLE, Label.CHROME]
    assert [line.score for line in labelled] == [0.05, 0.4, 0.15]  # scores kept as they are
    with pytest.raises(ValueError, match="scores for 3 lines"):
        doc.with_predictions([0.1], 0.5)


CODE_PAGE = (
    "<html><body><nav>Home</nav><p>To find the mean, run this query:</p>"
    "<pre>SELECT avg(n)\nFROM series;</pre><p>The mean is about 4.33.</p>"
    "<pre>FROM the menu</pre><p>Footer</p></body></html>"
)


def test_a_code_block_between_kept_lines_is_kept_whole():
    doc = html_document(CODE_PAGE)
    assert [line.block for line in doc] == ["", "", "pre1", "pre1", "", "pre2", ""]
    # Scored alone, the code lines fall under the threshold; the first block
    # stands between two kept lines, the second has a cut line after it.
    labelled = doc.with_predictions([0.1, 0.9, 0.3, 0.2, 0.8, 0.3, 0.1], 0.5)
    assert labelled.labels == [Label.CHROME, Label.ARTICLE, Label.ARTICLE, Label.ARTICLE,
                               Label.ARTICLE, Label.CHROME, Label.CHROME]  # fmt: skip
    assert [line.score for line in labelled] == [0.1, 0.9, 0.3, 0.2, 0.8, 0.3, 0.1]


def test_a_code_block_is_not_kept_for_a_kept_line_on_one_side_only():
    kept = [False, False, True]
    assert whole_code_blocks(kept, ["", "pre1", ""]) == kept
    assert whole_code_blocks([True, False, False], ["", "pre1", ""]) == [True, False, False]
    # Two blocks side by side are two blocks: neither has kept lines on both sides.
    assert whole_code_blocks([True, False, False, True], ["", "pre1", "pre2", ""]) == [
        True, False, False, True,
    ]  # fmt: skip
    # Lines of text have no blocks: the selection is the threshold's.
    assert whole_code_blocks([True, False, True], ["", "", ""]) == [True, False, True]


STORY = [
    "The council voted on Tuesday to close the old bridge for repairs.",
    "Work starts in May and should take most of the summer, officials said.",
]
AFTER = ["Share", "Tweet", "Email", "Related", "12 Comments",
         "Great news, about time they fixed that bridge.", "Posted at 4:47 pm"]  # fmt: skip


def test_a_comment_thread_under_a_heading_after_the_story_is_cut():
    doc = Document.from_text("\n".join(["Menu", *STORY, *AFTER]))
    #           menu  story      share bar, related     heading comment  its date
    scores = [0.1, 0.9, 0.9, 0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 0.6]
    labelled = doc.with_predictions(scores, 0.5)
    assert [line.text for line in labelled if line.label is Label.ARTICLE] == STORY
    assert [line.score for line in labelled] == scores  # scores kept as they are
    # Without the heading the comment is kept: the rule needs the heading.
    plain = Document.from_text("\n".join(["Menu", *STORY, *AFTER[:4], "Reader views", *AFTER[5:]]))
    assert plain.with_predictions(scores, 0.5).labels[8:] == [Label.ARTICLE, Label.ARTICLE]


def test_a_comments_heading_above_the_story_cuts_nothing():
    texts = ["Comments (3)", *STORY, "Footer"]
    assert cut_comments([False, True, True, False], texts) == [False, True, True, False]
    # Nor does one inside the story's run of kept lines, which the story
    # bridges (a thread as long as the story is not told from it).
    texts = [*STORY, "Comments", "I was there.", "So was I, and it was a long day."]
    kept = [True, True, False, True, True]
    assert story_end(kept, texts) == 4
    assert cut_comments(kept, texts) == kept


def test_a_page_listing_posts_with_their_comment_counts_keeps_them():
    post = ["A post of the blog's front page.", "Comments (2)", "Share", "Tweet", "Email"]
    first = ["The first post, the longest of them, told in many more words.", *post[1:]]
    kept = [True] + [False] * (len(post) - 1)
    posts = MAX_COMMENTS_HEADINGS + 1  # a count of comments under each post
    texts = first + post * (posts - 1)
    assert cut_comments(kept * posts, texts) == kept * posts
    # One post fewer and the page reads as a story and its thread.
    texts = first + post * (posts - 2)
    assert cut_comments(kept * (posts - 1), texts) == kept + [False] * len(post) * (posts - 2)


def test_without_scores_the_story_is_the_run_with_the_most_words_across_short_gaps():
    texts = ["Home", "About", *STORY, *["menu"] * (STORY_GAP + 1), "A short line"]
    kept = [True, False, True, True, *[False] * (STORY_GAP + 1), True]
    assert story_end(kept, texts) == 3  # "Home" is bridged in; "A short line" is too far
    assert story_end([False, False], ["a", "b"]) is None


def test_the_story_is_the_run_kept_most_surely_not_a_longer_thread():
    story = ["The story, told in a paragraph of many words.", "Its second paragraph."]
    thread = ["I disagree with every word of this story, and here is why, at length."] * 3
    texts = [*story, "Share", "Tweet", "There are 3 comments", "Reply", *thread]
    kept = [True, True, False, False, False, False, True, True, True]
    scores = [0.95, 0.9, 0.1, 0.1, 0.3, 0.1, 0.6, 0.7, 0.6]
    # By words alone the thread is the story and its heading lies above it;
    # by the scores' margins the story is the story and the thread is cut.
    assert cut_comments(kept, texts) == kept
    margins = [score - 0.5 for score in scores]
    assert story_end(kept, texts, margins) == 1
    assert cut_comments(kept, texts, margins) == [True, True] + [False] * 7
    # The selection, and so every cleaning path, passes the scores on.
    assert select(scores, 0.5, [""] * len(texts), texts) == [True, True] + [False] * 7
    # A page that keeps only lines under the threshold goes by words.
    low = [-0.1 if k else -0.4 for k in kept]
    assert story_end(kept, texts, low) == story_end(kept, texts) == len(texts) - 1


@pytest.mark.parametrize(
    "text",
    ["Comments", "12 Comments", "## 3 comments", "  * Comments (12)", "COMMENTS:", "Leave a Reply",
     "Post a comment", "Readers' comments (3)", "5 thoughts on “Hello world!”",
     "One Response to “A post”", "1 thought on “A post”", "Join the conversation",
     "Kommentare", "Commentaires", "Comentários 4", "Комментарии", "评论", "コメント",
     "There are 13 comments", "1 comment so far", "View all 40 comments", "Show comments",
     "Comments on this story", "Discussion about this post"],
)  # fmt: skip
def test_headings_that_name_a_comment_thread(text):
    assert is_comments_heading(text)


@pytest.mark.parametrize(
    "text",
    ["Add a comment", "Comments are closed.", "No comments yet, be the first", "Comment policy",
     "The comments of the minister were clear.", "Responses to the plan were mixed.",
     "There are 13 comments on the bill before the committee.", "Discussion", ""],
)  # fmt: skip
def test_lines_that_are_not_comments_headings(text):
    assert not is_comments_heading(text)


def test_other_systems_verdicts_are_taken_as_they_are():
    doc = Document.from_text("\n".join([*STORY, *AFTER]))
    kept = [True, True, False, False, False, False, True, True, False]
    labelled = doc.with_labels(kept)
    assert [line.label is Label.ARTICLE for line in labelled] == kept  # no rule applied
    assert [line.score for line in labelled] == [float(k) for k in kept]
    with pytest.raises(ValueError, match="2 labels for 9 lines"):
        doc.with_labels([True, False])
