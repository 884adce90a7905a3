"""The table's filter keeps exactly the rows the criteria describe: every combination of tag,
status, reviewer and words (accents, case, regex characters) against a plain reading of the
rule, through the model the table shows (no proxy between them)."""

from __future__ import annotations

import itertools
import random

from desktop_app.app import open_desk
from desktop_app.core.model import status_label
from desktop_app.core.textfold import fold
from tests.gui.conftest import add_document

TEXT = (
    "Crème 🙂 budget (draft). “We will act,” said Ana Ruiz.\n\n"
    "A council aide said costs rose 12 percent. Ça coûte cher* [sic] a.b\n\n"
    "The mayor's office declined to comment on the plan."
)


def span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def reference(model, a, tag, status, reviewer, needle) -> bool:
    """The rule, read plainly, row by row."""
    if tag and a.tag != tag or status and a.status != status:
        return False
    if reviewer is not None and a.reviewer != reviewer:
        return False
    label = model.tags.get(a.tag)
    words = " ".join(
        (a.exact, a.note, a.reviewer, status_label(a.status), label.label if label else a.tag)
    )
    words += " " + " ".join(str(v) for v in a.fields.values())
    return fold(needle.strip()) in fold(words)


def test_every_combination_keeps_the_rows_the_rule_describes(qtbot, make_window, db_path):
    doc_id = add_document(db_path, TEXT, "Budget")
    desk = open_desk(db_path, "Ana")
    for reviewer, tag, words, note, fields in [
        ("Ana", "quote", "We will act", "Check the récording\nat 10:02", {"speaker": "Ana Ruiz"}),
        ("Ana", "claim", "costs rose 12 percent", "source: audit (p. 4)", {}),
        ("Bo.b (x)", "anonymous_source", "A council aide", "", {"reason": "fear of reprisals"}),
        ("", "claim", "Ça coûte cher* [sic] a.b", "ÉTÉ", {}),
        ("Bo.b (x)", "quote", "Crème 🙂 budget", "*", {}),
    ]:
        desk.annotate(doc_id, tag, *span(words), note=note, fields=fields, reviewer=reviewer)
    desk.close()
    window = make_window()
    window.open_document(doc_id)
    panel = window.panel
    window.desk.set_status([panel.model.order[0]], "disputed")
    model = panel.model
    assert panel.table.model() is model
    rows = [model.annotation(n) for n in range(model.rowCount())]
    assert len(rows) == 5
    tags = ["", "quote", "claim"]
    statuses = ["", "open", "disputed"]
    reviewers = [None, "Ana", "Bo.b (x)", ""]
    needles = [
        "",
        "ca coute",
        "CRÈME",
        "cher*",
        "(p. 4)",
        "a.b",
        "reprisals",
        "ruiz",
        "nothing",
        ".",
    ]
    for tag, status, reviewer, needle in itertools.product(tags, statuses, reviewers, needles):
        model.set_filter(tag=tag, status=status, reviewer=reviewer, text=needle)
        shown = {model.annotation(r).id for r in range(model.rowCount())}
        expected = {a.id for a in rows if reference(model, a, tag, status, reviewer, needle)}
        assert shown == expected, (tag, status, reviewer, needle)
    model.set_filter(tag="", status="", reviewer=None, text="")
    assert model.rowCount() == 5
    assert not model.criteria.active  # no criteria: no row is tested


def test_criteria_changed_one_at_a_time_keep_the_rows_the_rule_describes(
    qtbot, make_window, db_path
):
    """As an editor works the filters (typing letters, deleting them, picking a tag or a status
    and back), each step shows exactly the rows the rule describes, in reading order, whether
    the step narrows what is shown or widens it."""
    doc_id = add_document(db_path, TEXT, "Budget")
    desk = open_desk(db_path, "Ana")
    for reviewer, tag, words, note in [
        ("Ana", "quote", "We will act", "récording"),
        ("Ana", "claim", "costs rose 12 percent", "audit"),
        ("Bo", "anonymous_source", "A council aide", ""),
        ("", "claim", "Ça coûte cher* [sic] a.b", "ÉTÉ"),
        ("Bo", "quote", "Crème 🙂 budget", "coûte"),
        ("Ana", "claim", "declined to comment", "cost"),
    ]:
        desk.annotate(doc_id, tag, *span(words), note=note, reviewer=reviewer)
    desk.close()
    window = make_window()
    window.open_document(doc_id)
    model = window.panel.model
    rows = [model.annotation(n) for n in range(model.rowCount())]
    reading = sorted(rows, key=lambda a: (a.start, a.end))
    rng = random.Random(11)
    criteria = {"tag": "", "status": "", "reviewer": None, "text": ""}
    for _ in range(300):
        which = rng.choice(["tag", "status", "reviewer", "text", "text", "text"])
        if which == "text":
            typed = criteria["text"]
            criteria["text"] = (
                typed + rng.choice("cotaeéu ")
                if rng.random() < 0.6 or not typed
                else typed[: rng.randrange(len(typed))]
            )
        elif which == "tag":
            criteria["tag"] = rng.choice(["", "", "quote", "claim"])
        elif which == "status":
            criteria["status"] = rng.choice(["", "", "open", "disputed"])
        else:
            criteria["reviewer"] = rng.choice([None, None, "Ana", "Bo", ""])
        model.set_filter(**{which: criteria[which]})
        shown = [model.annotation(r).id for r in range(model.rowCount())]
        expected = [
            a.id
            for a in reading
            if reference(
                model,
                a,
                criteria["tag"],
                criteria["status"],
                criteria["reviewer"],
                criteria["text"],
            )
        ]
        assert shown == expected, criteria
