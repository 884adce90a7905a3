"""Attribution vocabulary: the verbs and phrases newsroom copy uses to say who said what."""

from __future__ import annotations

from desktop_app.core.suggest.anchors import trie_pattern
from desktop_app.core.suggest.names import NAME_LED

CUE_WORDS = (
    "said|says|say|added|adds|told|tells|wrote|writes|asked|asks|explained|explains|noted|notes|"
    "recalled|recalls|warned|warns|continued|argued|argues|insisted|insists|replied|responded|"
    "acknowledged|admitted|conceded|declared|stated|announced|complained|joked|predicted|"
    "cautioned|emphasized|stressed|shouted|whispered|testified|posted|tweeted|called|"
    "described|confirmed|denied|told|countered|agreed|suggested|observed|remarked|went on|"
    "states|reported|reports|recounted|recounts|claimed|claims|maintained|maintains|contended|"
    "vowed|pledged|promised|urged|reiterated|boasted|observes|remarks|texted|emailed"
).split("|")
# The same words as one alternation factored by prefix ("s(?:a(?:id|ys?)|...)"): a failed try at
# a position costs a few letter tests instead of sixty, which the long attribution patterns
# repeat at every character of their window.
CUE_VERBS = trie_pattern(CUE_WORDS)
# What may follow the verb and still belong to the cue ("told reporters", "said in an email").
CUE_TAIL = (
    r"(?:\s+(?:reporters|journalists|the (?:court|board|audience|jury|council|committee|crowd|"
    r"senate|panel|hearing|newspaper|station|agency)|me|us|him|her|them))?"
    r"(?:\s+(?:in|on|at|during|via|by|after|outside)\s+(?:an?|the|his|her|their)?\s*"
    r"(?:[\w-]+\s+){0,2}?(?:email|e-mail|statement|interview|message|post|letter|call|"
    r"conference|briefing|hearing|floor|meeting|speech|video|rally|appearance|media|"
    r"phone|courthouse|gate|premiere|vote|session|analysts))?"
)
CUE = rf"(?:{CUE_VERBS}|according to){CUE_TAIL}"
PRONOUN = r"(?:he|she|they|I|we|He|She|They|We)"
# A speaker phrase: a pronoun, "the official", "a person familiar with the talks", or words ending
# in a name ("Meridian chief executive Harold Wynn").
DEFINITE = r"(?:[Tt]he|[Oo]ne of the|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir)\s+(?:[a-z][\w’'-]*\s+){0,2}?[a-z][\w’'-]*"
INDEFINITE = (
    r"(?:[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Ss]ome|[Mm]any)\s+"
    r"[^,.;:!?“”\"\n]{1,90}?"
)
NAMED = rf"(?:(?>{NAME_LED})\s+|(?<![a-z])(?>[a-z][\w’'-]*)\s+){{0,4}}(?>{NAME_LED})"
WHO = rf"(?:{PRONOUN}|{DEFINITE}|{INDEFINITE}|{NAMED})"
