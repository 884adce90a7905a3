"""The find index's written-out whitespace list matches what Python calls whitespace."""

import sys

from desktop_app.core import find_index


def test_whitespace_list_is_every_isspace_character_but_the_space() -> None:
    derived = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 32}
    assert set(find_index._WHITESPACE) == derived
    assert len(find_index._WHITESPACE) == len(derived)  # no character listed twice


def test_every_whitespace_character_folds_to_a_space_in_the_index() -> None:
    text = "".join(f"a{w}b " for w in find_index._WHITESPACE)
    index = find_index.FindIndex(text)
    # Each "a<space-like>b" is found by typing a plain space between the letters.
    assert len(index.all("a b")) == len(find_index._WHITESPACE)
