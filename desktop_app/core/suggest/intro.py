"""Names introduced in a draft ("Kendra Oyelaran, a teacher", "Mayor Clement Oyelowo said"):
the people and groups a later "he said" or "the official said" can refer to."""

from __future__ import annotations

import re
from functools import partial

from desktop_app.core.suggest import attribution
from desktop_app.core.suggest.anchors import trie_pattern
from desktop_app.core.suggest.cues import CUE_WORDS
from desktop_app.core.suggest.names import (
    _PARTICLE_TRIE,
    _STOP,
    NAME_LED,
    UPPER,
    Registry,
    clean_name,
    is_org,
    title_words,
)

# The stop words that most often open an English sentence (a longer list makes every capital's
# test dearer than the matches it saves); each is in names._STOP.
_COMMON_STOPS = "the a an i we he she it they this that there but and in as at if when".split()
assert set(_COMMON_STOPS) <= _STOP


def _stop_word_ahead() -> str:
    """A negative lookahead, read right after a name's first capital, that holds when the name
    is one capitalised stop word ("The", "I", "But") before white space and a lower-case word,
    with no particle that could carry the name on ("The de Gaulle"): clean_name makes such a
    name "", which names nobody, so the loop below would drop the match. Rejected in the
    pattern instead, the scan resumes after the capital; the match would have held no other
    capital (the word's other letters, the spaces, [a-z]+), so no match is found that the
    plain pattern would not: the same matches minus those (a test compares the two)."""
    # The rest of each word after its capital as one trie, white space after it, then a
    # lookbehind per word length for the whole word: a name's second letter rules out most.
    by_length: dict[int, list[str]] = {}
    for word in _COMMON_STOPS:
        by_length.setdefault(len(word), []).append(word.capitalize())
    whole = "|".join(f"(?<={'|'.join(sorted(ws))})" for _, ws in sorted(by_length.items()))
    rests = trie_pattern(sorted({w[1:] for w in _COMMON_STOPS}))
    return rf"(?!{rests}(?=\s)(?:{whole})(?![ \u00a0]{_PARTICLE_TRIE}[ \u00a0])(?>\s+)(?>[a-z]+)\b)"


_LEAD = f"[{UPPER}]"
assert NAME_LED.startswith(_LEAD)
_NAME_NOT_STOP = _LEAD + _stop_word_ahead() + NAME_LED[len(_LEAD) :]
# NAME_LED opens with the capital class, so the scan skips from capital to capital in C. After the
# name: an appositive, or the next lower-case word; what that word is (a cue verb, "has", a verb
# in -ed, or any other) is read in Python: the same matches as trying each kind in the pattern
# (every kind is a whole lower-case word), at a fraction of the cost.
_AFTER_NAME = r"(?:,\s+(?P<app>[^,.;“”\"]{1,80})|(?>\s+)(?P<word>(?>[a-z]+))\b)"
# Without the stop-word test: what INTRO replaces (compiled by the tests only, not at import).
INTRO_PLAIN = rf"(?P<raw>{NAME_LED}){_AFTER_NAME}"
INTRO = re.compile(rf"(?P<raw>{_NAME_NOT_STOP}){_AFTER_NAME}")
_SUBJECT_WORDS = frozenset(
    [w for w in CUE_WORDS if " " not in w] + ["has", "had", "was", "is", "spent"]
)
_ON = re.compile(r" on\b")  # "went on", the one cue of two words
_SENTENCE_OPENERS = (". ", "” ", '" ')  # before a name that opens a sentence
# Mention((pos, speaker, heads[, org])) without the named tuple's Python-level __new__.
_mention = partial(tuple.__new__, attribution.Mention)


def is_verb_only(text: str, m: re.Match[str]) -> bool:
    """True when the word after an introduced name is not a cue, "has"/"had"/"was"/"is"/"spent"
    or a verb in -ed: the name then counts only as a sentence subject."""
    word = m.group("word")
    if word is None or word in _SUBJECT_WORDS or (len(word) > 2 and word.endswith("ed")):
        return False
    return not (word == "went" and _ON.match(text, m.end()))


def introductions(
    text: str, registry: Registry, pattern: re.Pattern[str] = INTRO
) -> list[attribution.Mention]:
    """A mention per name introduced as a subject or with an appositive, in text order; each
    person's full name is added to `registry` as it goes. `pattern`: INTRO_PLAIN compiled gives
    the same (tests)."""
    mentions: list[attribution.Mention] = []
    append_mention = mentions.append
    by_part, full = registry.by_part, registry.full
    # Per raw name: its clean form, whether it is a possessive, its title words; per clean
    # name: is_org. Copy repeats its names ("Halloran said" ten times), so each is worked
    # out once per draft.
    cleaned: dict[str, tuple[str, bool, set[str]]] = {}
    orgs: dict[str, bool] = {}
    subject_words, on_match = _SUBJECT_WORDS, _ON.match
    openers = _SENTENCE_OPENERS
    for m in pattern.finditer(text):
        raw, app, word = m.groups()
        known = cleaned.get(raw)
        if known is None:
            known = cleaned[raw] = (clean_name(raw), raw.endswith(("’s", "'s")), title_words(raw))
        name = known[0]
        # A single word that names no one introduced yet ("Residents", "Then"): dropped before
        # anything else is read (a third of the matches).
        if " " not in name and name not in by_part:
            continue
        start = m.start()
        if (
            word is not None
            and word not in subject_words
            and not (len(word) > 2 and word.endswith("ed"))
            and not (word == "went" and on_match(text, m.end()))
            and start
            and text[start - 1] != "\n"
            and text[start - 2 : start] not in openers
        ):
            continue  # a name before any verb counts only as a sentence subject (is_verb_only)
        if known[1]:
            continue  # a possessive
        if " " not in name:
            name = registry.resolve(name)  # in by_part: a lookup, no side effect
            if " " not in name:
                continue
        org = orgs.get(name)
        if org is None:
            org = orgs[name] = is_org(name)
        if not org and name not in full:
            registry.add(name)
        titles = known[2]
        # The appositive's first six words (it holds no "," or ".": appositive_heads, inline)
        heads = titles | set(app.lower().split()[:6]) if app else titles
        append_mention(_mention((start, name, heads, org)))
    return mentions
