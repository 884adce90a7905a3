"""Myers' bit-parallel edit distance in pure Python: the stand-in for edlib where it has no wheel
(Windows). Same answers for the two calls Copydesk makes: the best infix matches of a pattern in
a text ("HW", with their locations) and the global distance of two strings ("NW")."""

from __future__ import annotations

from typing import Any


def _columns(pattern: bytes, text: bytes, anchored: bool) -> list[int]:
    """The edit distance of `pattern` against text[..j] for every j: free to start anywhere in
    the text (infix search) unless `anchored` (then it starts at text[0])."""
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[int, int] = {}
    for i, c in enumerate(pattern):
        peq[c] = peq.get(c, 0) | (1 << i)
    pv, mv, score, carry = mask, 0, m, 1 if anchored else 0
    scores = []
    for c in text:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | carry) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        scores.append(score)
    return scores


def align(
    query: bytes, target: bytes, mode: str = "NW", task: str = "distance", k: int = -1
) -> dict[str, Any]:
    """What edlib.align returns for mode "HW" (locations) and "NW" (distance): -1 when the best
    distance is above `k` (k < 0: no bound)."""
    if mode == "NW":
        distance = _columns(query, target, anchored=True)[-1] if target else len(query)
        if 0 <= k < distance:
            distance = -1
        return {"editDistance": distance, "locations": []}
    scores = _columns(query, target, anchored=False)
    best = min(scores, default=len(query))
    if 0 <= k < best:
        return {"editDistance": -1, "locations": []}
    locations = []
    reversed_query = query[::-1]
    for end, score in enumerate(scores):
        if score != best:
            continue
        window = target[max(0, end - len(query) - best) : end + 1][::-1]
        back = _columns(reversed_query, window, anchored=True)
        length = next((i + 1 for i, s in enumerate(back) if s == best), len(window))
        locations.append((end + 1 - length, end))
    return {"editDistance": best, "locations": locations}
