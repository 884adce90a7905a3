"""The review pane's reviewer filter: shown once a draft has two reviewers, narrows the table,
and follows annotations arriving from another reviewer."""

from __future__ import annotations

from desktop_app.app import open_desk
from tests.gui.conftest import add_document

TEXT = "Crème 🙂 budget\n\n“We will act,” said Ana Ruiz. A council aide said costs rose 12 percent."


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def reviewers_shown(panel) -> list[str]:
    combo = panel.reviewer_filter
    return [combo.itemText(i) for i in range(combo.count())]


def visible_reviewers(panel) -> list[str]:
    model = panel.model
    return [model.annotation(r).reviewer for r in range(model.rowCount())]


def test_one_reviewer_hides_the_filter_a_second_one_shows_it(qtbot, make_window, db_path):
    """Alone, the combo stays hidden; a second reviewer's annotation brings it in, and picking
    a reviewer leaves only their rows."""
    doc_id = add_document(db_path, TEXT, "Budget")
    ana = open_desk(db_path, "Ana")
    ana.annotate(doc_id, "quote", *span("We will act"))
    ana.annotate(doc_id, "claim", *span("costs rose 12 percent"))
    ana.close()
    window = make_window()
    window.open_document(doc_id)
    panel = window.panel
    qtbot.waitUntil(lambda: reviewers_shown(panel) == ["All reviewers", "Ana"])
    assert not panel.reviewer_filter.isVisible()
    window.desk.annotate(doc_id, "anonymous_source", *span("A council aide"), reviewer="Bo")
    qtbot.waitUntil(lambda: panel.reviewer_filter.isVisible(), timeout=3000)
    assert reviewers_shown(panel) == ["All reviewers", "Ana", "Bo"]
    panel.reviewer_filter.setCurrentIndex(panel.reviewer_filter.findText("Bo"))
    assert visible_reviewers(panel) == ["Bo"]
    panel.reviewer_filter.setCurrentIndex(panel.reviewer_filter.findText("Ana"))
    assert sorted(visible_reviewers(panel)) == ["Ana", "Ana"]
    panel.reviewer_filter.setCurrentIndex(0)
    assert sorted(visible_reviewers(panel)) == ["Ana", "Ana", "Bo"]


def test_the_filter_combines_with_tag_and_goes_when_the_reviewer_does(qtbot, make_window, db_path):
    """Reviewer and tag narrow together; deleting the last of a reviewer's rows drops them."""
    doc_id = add_document(db_path, TEXT, "Budget")
    ana = open_desk(db_path, "Ana")
    ana.annotate(doc_id, "quote", *span("We will act"))
    ana.annotate(doc_id, "claim", *span("costs rose 12 percent"))
    ana.close()
    bo = open_desk(db_path, "Bo")
    only = bo.annotate(doc_id, "quote", *span("said Ana Ruiz"))
    bo.close()
    window = make_window()
    window.open_document(doc_id)
    panel = window.panel
    qtbot.waitUntil(lambda: panel.reviewer_filter.isVisible(), timeout=3000)
    panel.reviewer_filter.setCurrentIndex(panel.reviewer_filter.findText("Ana"))
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("quote"))
    assert panel.model.rowCount() == 1
    window.desk.remove_annotations([only.id])
    qtbot.waitUntil(lambda: not panel.reviewer_filter.isVisible(), timeout=3000)
    assert panel.reviewer_filter.currentIndex() == 0
    assert panel.model.rowCount() == 1  # the tag filter still holds: Ana's quote
