"""Which legacy code page a non-UTF-8 file is in: charset-normalizer's matches, then our tie-breaks.

charset-normalizer ranks code pages by how "messy" the decoded text looks (chaos) and how much
it reads like a language (coherence). Several code pages often tie; we then prefer the one an
editor's file is most likely in (Windows-1252 for Western text, 1250/ISO 8859-2 for Central
European, cp866 over its Ukrainian variant cp1125). When the tied candidates still disagree on
the text, the file is refused with a line naming the guesses rather than imported as mojibake.
A declared charset (HTML ``<meta>``, XML declaration) is kept unless its text is clearly messier
than the detector's guess: a page whose ``<meta>`` lies loses (the detector is run without its
own look at the declaration, ``preemptive_behaviour=False``, so the lie cannot sway it).
"""

from __future__ import annotations

import re

import charset_normalizer
from charset_normalizer.md import mess_ratio

from desktop_app.formats.errors import Rejected

TIE_CHAOS = 0.02
"""Matches this close to the best one's chaos are equally good guesses."""
DECLARED_SLACK = 0.03
"""A declared charset loses when its text is this much messier than the detector's guess."""
VOTE_SLACK = 0.1
"""How much messier than the best guess a Latin code page may look and still win a word vote."""
SAMPLE_BYTES = 200_000
WESTERN = frozenset(
    {"English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch", "Danish",
     "Swedish", "Norwegian", "Finnish", "Catalan", "Indonesian"}
)  # fmt: skip
CENTRAL = frozenset(
    {"Czech", "Polish", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian"}
)  # fmt: skip
# Detector names that stand for a more common code page with the same letters.
_PREFERRED_NAME = {"cp1125": "cp866", "iso8859_7": "cp1253"}
_LABELS = {
    "cp1252": "Windows-1252 Western", "cp1250": "Windows-1250 Central European",
    "iso8859_2": "ISO 8859-2 Central European", "cp1257": "Windows-1257 Baltic",
    "cp1251": "Windows-1251 Cyrillic", "cp866": "DOS 866 Cyrillic", "koi8_r": "KOI8-R Cyrillic",
    "cp1253": "Windows-1253 Greek", "cp1256": "Windows-1256 Arabic", "cp500": "EBCDIC cp500",
    "cp037": "EBCDIC cp037",
}  # fmt: skip


# Short ASCII words that are frequent in Western (English, French, German, Spanish, Italian,
# Dutch) or Central European (Polish, Czech, Slovak, Hungarian) prose and rare in the other.
# Both code pages decode ASCII alike, so these words can break a tie the detector cannot: its
# language guess calls English with one "ï" Slovak, and "naïve" would come out "naďve".
_WESTERN_WORDS = frozenset(
    "the and of that with was for said from have has were are this le les et des une est der "
    "die und das ist nicht el los las que del il che het een van".split()
)
_CENTRAL_WORDS = frozenset(
    "na je se sa nie jest ze pro jako ako az hogy nem meg w z v ktory ktore oraz".split()
)
MIN_VOTES = 3
_ASCII_WORD = re.compile(rb"[A-Za-z]+")


def _word_vote(sample: bytes) -> str | None:
    """ "western", "central" or None: the group whose frequent short words dominate."""
    western = central = 0
    for match in _ASCII_WORD.finditer(sample):
        word = match.group().lower().decode("ascii")
        western += word in _WESTERN_WORDS
        central += word in _CENTRAL_WORDS
    if western >= MIN_VOTES and western > 2 * central:
        return "western"
    if central >= MIN_VOTES and central > 2 * western:
        return "central"
    return None


def label(encoding: str) -> str:
    """A readable name for a codec ("Windows-1250 Central European")."""
    return _LABELS.get(encoding, encoding)


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _central_european(data: bytes) -> str:
    """Windows-1250 uses 0x80-0x9F for letters (š, ž, ť); ISO 8859-2 never does."""
    return "cp1250" if any(0x80 <= byte <= 0x9F for byte in data) else "iso8859_2"


def guess_encoding(data: bytes) -> str:
    """The code page of `data` (not UTF-8, no BOM), or `Rejected` naming the unclear guesses."""
    sample = data[:SAMPLE_BYTES]
    matches = charset_normalizer.from_bytes(sample, preemptive_behaviour=False)
    best = matches.best()
    if best is None:
        raise Rejected("not a text file (its encoding could not be recognised)")
    tied = [m for m in matches if m.chaos <= best.chaos + TIE_CHAOS]
    names = {name for m in tied for name in m.could_be_from_charset}
    language = best.language
    # The detector's chaos score is noisy between Latin code pages (it has rated English with
    # curly quotes as Mac Central European), so a clear word vote widens the tie for them.
    near = {
        n for m in matches if m.chaos <= best.chaos + VOTE_SLACK for n in m.could_be_from_charset
    }
    vote = _word_vote(sample) if "cp1252" in near or near & {"cp1250", "iso8859_2"} else None
    if vote == "western" and "cp1252" in near:
        chosen = "cp1252"
    elif vote == "central" and near & {"cp1250", "iso8859_2"}:
        chosen = _central_european(sample)
    elif "cp1252" in names and (language in WESTERN or language == "Unknown"):
        chosen = "cp1252"
    elif language in CENTRAL and names & {"cp1250", "iso8859_2"}:
        chosen = _central_european(sample)
    else:
        chosen = _PREFERRED_NAME.get(best.encoding, best.encoding)
    text = _decodes(sample, chosen)
    if text is None:
        chosen, text = best.encoding, str(best)
    others = [m for m in tied if _decodes(sample, m.encoding) != text]
    if others and best.coherence < 0.2:
        guesses = " or ".join(label(e) for e in dict.fromkeys([chosen, others[0].encoding]))
        raise Rejected(
            f"the text's encoding is unclear (it may be {guesses}); save it as UTF-8 and retry"
        )
    return chosen


def weigh_declared(data: bytes, declared: list[str]) -> str | None:
    """The first declared codec whose text is not clearly messier than the detector's guess."""
    sample = data[:SAMPLE_BYTES]
    usable = [(name, text) for name in declared if (text := _decodes(sample, name)) is not None]
    if not usable:
        return None
    try:
        guessed = _decodes(sample, guess_encoding(sample))
    except Rejected:
        return usable[0][0]  # the detector is unsure: trust the page
    floor = mess_ratio(guessed, 1.0) if guessed else 0.0
    for name, text in usable:
        if text == guessed or mess_ratio(text, 1.0) <= floor + DECLARED_SLACK:
            return name
    return None
