"""SmartArt in a .docx (``dgm:relIds`` in a drawing): the text of its nodes, from the diagram's
data part, read as text boxes; connector and presentation points hold no text of their own."""

from __future__ import annotations

from docx.opc.part import Part
from lxml import etree

DGM = "{http://schemas.openxmlformats.org/drawingml/2006/diagram}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_DM = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}dm"
RELIDS = DGM + "relIds"
TEXT_POINTS = frozenset({"node", "asst"})  # the boxes a reader sees; "doc", "pres", "parTrans"...


def diagram_paragraphs(rel_ids: etree._Element, related: dict[str, Part]) -> list[str]:
    """The paragraphs of every text point of the SmartArt that `rel_ids` (dgm:relIds) names."""
    part = related.get(rel_ids.get(R_DM) or "")
    if part is None:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        model = etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError:
        return []  # a damaged diagram: the rest of the document still imports
    paragraphs = []
    for point in model.iter(DGM + "pt"):
        if point.get("type", "node") not in TEXT_POINTS:
            continue
        for body in point.iterchildren(DGM + "t"):
            for p in body.iter(A + "p"):
                paragraphs.append("".join(t.text or "" for t in p.iter(A + "t")))
    return paragraphs
