"""Personal and organisation names in newsroom copy: capitalised runs, titles stripped."""

from __future__ import annotations

import re

from desktop_app.core.suggest.anchors import trie_pattern

UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽ"
_ABBREVIATED = "Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Prof Rev St Fr".split()
# A middle initial joins the name ("Robert M. Danin", "C. Eugene Steuerle") when a letter follows
# after a space; a sentence that ends on an initial ("Plan B. The") is cut again by clean_name.
_INITIAL_AHEAD = r"(?=[ \u00a0][^\W\d_])"
_CAP = (
    rf"(?:{'|'.join(_ABBREVIATED)})\.|[{UPPER}]\.{_INITIAL_AHEAD}"
    rf"|[{UPPER}][\w’'\-.]*(?<![.’'-])|[{UPPER}]\."
)
# "Maria de la Cruz", "Lucia Van der Berg", "Ahmed al-Rashid": lower-case particles inside a name.
_PARTICLE = r"(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|ibn|al|el|y)"
_MORE = rf"(?:[ \u00a0](?:{_PARTICLE}[ \u00a0])*(?:{_CAP}))*"
NAME = rf"(?:{_CAP}){_MORE}"


def _led_by_capital() -> str:
    """_CAP with its first character taken by one class `[UPPER]`: a search for a pattern that
    opens with a class skips to the next capital in C instead of trying it at every character.
    The same language, tried in the same order, so the same matches (a test checks it):
    - titles: the rest of each ("r", "rs", "en") as one prefix trie, then a lookbehind for the
      whole title ("Mr", "Mrs", "Sen"); the title can only start at the capital just read (its
      other letters are lower case), and at most one title fits before the period;
    - an initial before a space and a letter;
    - a word: atomic, so it is not shortened after its longest ending in a word character.
      Every shorter choice is followed by a word character or one of ’'-. and nothing that
      may follow a name word (a space, a comma, the end) accepts those: it could only fail."""
    rests = trie_pattern(sorted({title[1:] for title in _ABBREVIATED}))
    by_width: dict[int, list[str]] = {}
    for title in _ABBREVIATED:
        by_width.setdefault(len(title), []).append(title)
    whole = "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_width.items()))
    return rf"[{UPPER}](?:{rests}(?:{whole})\.|\.{_INITIAL_AHEAD}|(?>[\w’'\-.]*(?<![.’'-]))|\.)"


_CAP_LED = _led_by_capital()
_PARTICLE_TRIE = trie_pattern(_PARTICLE[3:-1].split("|"))
# NAME led by the capital class, each later word too, and the particles as a trie (each is
# followed by a space, so at most one fits): the same matches, found faster.
NAME_LED = rf"{_CAP_LED}(?:[ \u00a0](?:{_PARTICLE_TRIE}[ \u00a0])*{_CAP_LED})*"
NAME_RE = re.compile(NAME_LED)

# Titles and descriptors that precede a name in copy ("Fire Marshal Wilhelmina Strand").
TITLES = frozenset(
    """mr mrs ms miss dr sen rep gov gen lt col sgt capt cmdr adm prof rev fr judge justice mayor
    president vice minister prime premier superintendent councilor councillor councilman
    councilwoman councilmember alderman trustee director chief coach speaker senator governor
    auditor general fire marshal assistant district attorney superior court interior foreign
    finance defense defence health majority minority leader state executive officer secretary
    chairman chairwoman chair chairperson commissioner sheriff inspector detective sergeant
    professor father sister deputy treasurer clerk manager captain ambassador representative
    assemblyman assemblywoman congressman congresswoman sir dame lord lady chancellor ceo cfo coo
    cto founder co-founder cofounder spokesman spokeswoman spokesperson dean provost""".split()
)
# Words that start a sentence or a phrase and are not names ("The", "But", "In").
_STOP = frozenset(
    """the a an and but or in on at by for from to of with as if when while after before since
    this that these those it its he she they we i you his her their our my your there here
    what who why how where which some many most several two three one no not nobody everyone
    every each all both neither either yet so then still also even just only now today
    yesterday monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december q a opinion photo by
    critics residents officials analysts experts police prosecutors earlier later early late last
    next meanwhile however""".split()
)
# A final word that makes a name an organisation or a place rather than a person.
ORG_WORDS = frozenset(
    """inc corp corporation co company companies ltd llc plc group holdings partners bank
    department ministry office council board committee commission union university college
    school hospital agency administration authority association institute foundation trust
    fund network systems terminals homes foods farms furniture research securities press
    times post courier news party senate assembly house congress parliament court police
    service services center centre clinic club team rovers united city county state region
    street road avenue lane bay river valley harbor harbour port island lake park hall
    academy government republic kingdom airlines motors energy capital media studios
    reports staff wire festival conference award prize cup league games market markets
    store stores""".split()
)
PLACE_HEADS = frozenset("port mount lake fort saint st north south east west new".split())


def clean_name(raw: str) -> str:
    """`raw` without leading titles, stop words and a trailing possessive: "Sen. Ann Lee" -> "Ann Lee"."""
    words = raw.replace("\u00a0", " ").split(" ")
    while len(words) > 1 and (words[0].rstrip(".").lower() in TITLES or words[0].lower() in _STOP):
        if len(words) == 2 and words[1].lower() in ORG_WORDS:
            break  # "Fire Department", "Health Ministry": the title word names the body
        words.pop(0)
    if words and words[0].lower() in _STOP:
        return ""
    if len(words) > 3:
        # "Tunisian Prime Minister Habib Essid": what comes before a title goes with it
        for i in range(len(words) - 3, 0, -1):
            if words[i].rstrip(".").lower() in TITLES:
                words = words[i + 1 :]
                break
    if len(words) > 2:
        # "Plan B. The vote": an initial that ends a sentence, not a middle initial
        for i in range(1, len(words) - 1):
            w = words[i]
            if len(w) == 2 and w[1] == "." and words[i + 1].lower() in _STOP:
                words = words[: i + 1]
                break
    name = " ".join(words)
    for tail in ("’s", "'s"):
        if name.endswith(tail):
            name = name[: -len(tail)]
    return name.strip(" .")


def is_org(name: str) -> bool:
    """True when the name's last word marks an organisation or a place ("Meridian Terminals")."""
    last = name.rsplit(" ", 1)[-1].strip(".").lower()
    first = name.split(" ", 1)[0].lower()
    return last in ORG_WORDS or (first in PLACE_HEADS and " " in name)


def title_words(raw: str) -> set[str]:
    """Lower-case title words before the name in `raw` ("Interior Minister ..." -> {"minister", ...})."""
    return {w.rstrip(".").lower() for w in raw.split() if w.rstrip(".").lower() in TITLES}


class Registry:
    """Full names seen so far, so "Halloran" resolves to "Curtis Halloran"."""

    def __init__(self, text: str = "") -> None:
        self.by_part: dict[str, str] = {}
        self.full: set[str] = set()
        self.text = text  # searched for "First Surname" when a surname was never introduced
        self._looked: set[str] = set()  # surnames already searched for (one text scan per name)

    def add(self, name: str) -> None:
        if " " not in name or name in self.full:
            return
        self.full.add(name)
        parts = name.split(" ")
        self.by_part.setdefault(parts[-1], name)  # surname
        self.by_part.setdefault(parts[0], name)  # a first name used alone later
        if "-" in parts[-1]:
            self.by_part.setdefault(parts[-1].split("-")[0], name)

    def resolve(self, name: str) -> str:
        if name in self.full:
            return name
        if " " in name:
            return name
        found = self.by_part.get(name)
        if found is None and self.text and name[:1].isupper() and name not in self._looked:
            self._looked.add(name)
            found = first_full_name(self.text, name)
            if found and clean_name(found) == found:
                self.add(found)
            else:
                found = None
        return found or name


_RUN_BEFORE = re.compile(r"[\w’'-]+$")
_WORD_CHAR = re.compile(r"\w")
_UPPER_CHAR = re.compile(rf"[{UPPER}]")


def first_full_name(text: str, surname: str) -> str:
    """The first "Word Surname" in `text` (as `[UPPER][\\w’'-]+ Surname\\b` would find it), found
    with str.find so one lookup does not cost a regex pass over a long text."""
    needle = " " + surname
    pos = text.find(needle)
    while pos >= 0:
        after = pos + len(needle)
        if after >= len(text) or not _WORD_CHAR.match(text, after) or not surname[-1:].isalnum():
            run = _RUN_BEFORE.search(text, max(0, pos - 200), pos)
            if run is not None:
                first = _UPPER_CHAR.search(text, run.start(), pos - 1)
                if first is not None:
                    return text[first.start() : after]
        pos = text.find(needle, pos + 1)
    return ""
