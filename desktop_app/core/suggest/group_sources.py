"""Unnamed groups with a modifier of more than one word: "Obama administration officials said",
"White House officials said", "Con Edison officials said". The group pattern of `anonymous`
takes one modifier word at most ("American officials said") and leaves the noun alone when a
word comes before it, so these were missed."""

from __future__ import annotations

import re
from bisect import bisect_right

from desktop_app.core.suggest.anonymous import Source

# The end of a plural and a speech verb, in the ASCII copy of the lower-cased text: led by the
# literal "s ", so a search jumps from one to the next (an alternation of the nouns was tried
# at most characters); the noun before it is then checked with bytes.endswith.
_PLURAL_VERB = re.compile(rb"s (?:say|said|says|told)(?![a-z])")
_NOUNS = tuple(
    w.encode()
    for w in (
        "officials sources aides analysts experts economists diplomats insiders investigators "
        "strategists observers"
    ).split()
)

# Lower-case words that modify such a group ("administration officials", "campaign aides").
_MODIFIERS = frozenset(
    """administration government campaign transition military intelligence security health
    company city county state federal police industry union party white house""".split()
)
_WORD_BEFORE = re.compile(r"([\w.’'-]+) $")
_STOPS = frozenset("the a an but and or of in on at for as when while".split())
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+$")  # "U.S.", "U.N."


def modified_groups(text: str, ascii_low: bytes | None, found: list[Source]) -> list[Source]:
    """Group sources whose two or three modifier words the first pass could not take; none
    where a found source already covers the noun. `ascii_low` is `ascii_lowered(text)` (None
    when lowering moves offsets: then nothing is added)."""
    if ascii_low is None:
        return []
    starts = sorted(s.start for s in found)
    ends = {s.start: s.end for s in found}
    out = []
    for hit in _PLURAL_VERB.finditer(ascii_low):
        end = hit.start() + 1
        head = ascii_low[max(0, end - 13) : end]
        noun = next((n for n in _NOUNS if head.endswith(n)), None)
        if noun is None:
            continue
        noun_start = end - len(noun)
        if noun_start and ascii_low[noun_start - 1] != 32:  # a space before the noun
            continue
        i = bisect_right(starts, noun_start) - 1
        if i >= 0 and ends[starts[i]] > noun_start:
            continue  # covered already
        start = noun_start
        words = 0
        while words < 3:
            m = _WORD_BEFORE.search(text, max(0, start - 40), start)
            if m is None:
                break
            word = m.group(1)
            if not (word[:1].isupper() or word.lower() in _MODIFIERS) or word.lower() in _STOPS:
                break
            if word.endswith(".") and not _ABBREVIATION.match(word):
                break  # the end of the sentence before: "in Washington. Pentagon officials"
            start = m.start(1)
            words += 1
        if words < 2:
            continue  # none or one word: the first pass decides those
        out.append(Source(start, end, text[start:end], "group"))
    return out
