"""The desk's export scope and filters (Qt-free): ExportQuery, the choices the CSV dialog offers,
and a filtered export in every format reading only what the query selects."""

from __future__ import annotations

import csv
import io
import json

import pytest

from desktop_app.core.export_data import ExportQuery
from desktop_app.core.model import STATUSES, Block, SourceText
from desktop_app.desk import Desk
from desktop_app.desk.exports import export_data, query_for
from desktop_app.storage.memory import MemoryRepository

TEXT = "Crème 🙂 budget\n\n“We will act,” said Ana Ruiz. A council aide said costs rose 12 percent."
BLOCKS = (Block("title", 0, 15), Block("paragraph", 17, len(TEXT)))


def span(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def desk() -> Desk:
    desk = Desk(MemoryRepository(), reviewer="Ana")
    doc = desk.add_source(SourceText(TEXT, "Budget", BLOCKS, "txt"), "/d/budget.txt").document
    desk.annotate(doc.id, "quote", *span("We will act"), fields={"speaker": "Ana Ruiz"})
    desk.annotate(doc.id, "claim", *span("costs rose 12 percent"), status="disputed")
    desk.annotate(doc.id, "anonymous_source", *span("A council aide"), reviewer="Bo")
    return desk


def csv_rows(desk: Desk, query: ExportQuery) -> list[dict[str, str]]:
    out = io.BytesIO()
    count = desk.export_query("csv", out, query)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))
    assert count == len(rows)
    return rows


def test_query_accepts_by_every_criterion_and_empty_means_any() -> None:
    """Tags, statuses and reviewers are sets of accepted values; a selection is a set of ids."""
    query = ExportQuery(tags=("quote", "claim"), statuses=("open",), reviewers=("",))
    assert query.accepts("quote", "open", "", "a1")
    assert not query.accepts("anonymous_source", "open", "", "a1")
    assert not query.accepts("quote", "verified", "", "a1")
    assert not query.accepts("quote", "open", "Bo", "a1")
    assert ExportQuery().accepts("x", "y", "z", "w") and not ExportQuery().filtered
    picked = ExportQuery(annotation_ids=("a1",))
    assert picked.filtered and picked.accepts("x", "y", "z", "a1")
    assert not picked.accepts("x", "y", "z", "a2")
    assert not ExportQuery(annotation_ids=()).accepts("x", "y", "z", "a1")


def test_query_for_drops_the_any_choices() -> None:
    """The dialog's "All …" entries are "" and mean no filter; no selection is None, not ()."""
    query = query_for("doc", None, [""], ["disputed"], ["", "Bo"])
    assert query == ExportQuery("doc", None, (), ("disputed",), ("Bo",))
    assert query_for(None, ["a", "b"]).annotation_ids == ("a", "b")


def test_choices_offer_tags_statuses_reviewers_and_revisions(desk: Desk) -> None:
    """The document in front, its other revisions (oldest first), every tag and status, and the
    library's reviewers."""
    (summary,) = desk.documents()
    revised = TEXT.replace("12 percent", "14 percent")
    later, _ = desk.import_revision(SourceText(revised, "Budget v2", BLOCKS, "txt"), summary.id)
    choices = desk.export_choices(later.id)
    assert choices.document is not None and choices.document.id == later.id
    assert [d.id for d in choices.revisions] == [summary.id]
    assert [t.name for t in choices.tags][:3] == ["quote", "claim", "anonymous_source"]
    assert choices.statuses == STATUSES and choices.reviewers == ["Ana", "Bo"]
    assert desk.export_choices(None).document is None


def test_filtered_csv_has_only_the_chosen_rows(desk: Desk) -> None:
    (summary,) = desk.documents()
    doc_id = summary.id
    assert [r["text"] for r in csv_rows(desk, ExportQuery(reviewers=("Bo",)))] == ["A council aide"]
    assert [r["tag"] for r in csv_rows(desk, ExportQuery(doc_id, statuses=("disputed",)))] == [
        "claim"
    ]
    ids = [a.id for a in desk.annotations(doc_id) if a.tag != "claim"]
    picked = csv_rows(desk, query_for(doc_id, ids, tags=["quote"]))
    assert [(r["text"], r["speaker"]) for r in picked] == [("We will act", "Ana Ruiz")]
    assert csv_rows(desk, ExportQuery(tags=("no_such_tag",))) == []


def test_filters_apply_to_the_other_formats_and_keep_whole_draft_checks(desk: Desk) -> None:
    """The JSON export of Bo's rows holds one annotation; the report's checks are those of the
    rows kept, computed on the whole draft."""
    out = io.BytesIO()
    assert desk.export_query("json", out, ExportQuery(reviewers=("Bo",))) == 1
    items = json.loads(out.getvalue())["first"]["items"]
    assert [item["target"]["selector"][0]["exact"] for item in items] == ["A council aide"]
    data = desk.export_data(None)
    everything = {f.annotation_id for b in data.documents for f in b.findings}
    only_claims = export_data(desk, ExportQuery(tags=("claim",)))
    (bundle,) = list(only_claims.documents)
    assert [a.tag for a in bundle.annotations] == ["claim"]
    assert {f.annotation_id for f in bundle.findings} == everything & {bundle.annotations[0].id}
