"""Score floors on the hand-written corpus, so the suggester cannot silently regress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.suggest import suggest
from desktop_app.core.suggest.evaluation import Tally, locate, score
from desktop_app.formats import load_source

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "articles" / "suggest"
ARTICLES = sorted(CORPUS.glob("*.md"))


@pytest.fixture(scope="module")
def tally() -> Tally:
    t = Tally()
    for md in ARTICLES:
        source = load_source(md)
        gold = json.loads(md.with_suffix(".gold.json").read_text(encoding="utf-8"))
        score(source.text, gold, suggest(source.text, source.blocks), t, md.stem)
    return t


def test_corpus_has_fifteen_articles_with_gold_found_in_text():
    """At least 15 articles, each gold text present in the canonical text."""
    assert len(ARTICLES) >= 15
    for md in ARTICLES:
        gold = json.loads(md.with_suffix(".gold.json").read_text(encoding="utf-8"))
        assert locate(load_source(md).text, gold)


def test_quotes_f1(tally: Tally):
    """Quotes F1 >= 0.97."""
    assert tally.prf("quote")[2] >= 0.97


def test_speaker_accuracy(tally: Tally):
    """Speaker right for >= 90% of matched quotes whose gold names one."""
    assert tally.rate(tally.speaker) >= 0.90


def test_anonymous_sources(tally: Tally):
    """Unnamed sources: recall >= 0.90 at precision >= 0.75; reason found >= 0.90."""
    p, r, _ = tally.prf("anonymous_source")
    assert r >= 0.90 and p >= 0.75
    assert tally.rate(tally.reason) >= 0.90


def test_claims(tally: Tally):
    """Claims: recall >= 0.80 at precision >= 0.65."""
    p, r, _ = tally.prf("claim")
    assert r >= 0.80 and p >= 0.65
