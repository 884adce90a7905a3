"""Documents that used to be refused although they hold text: a web page with a damaged binary
patch (stray NUL bytes) and Word files whose body is an HTML/MHT "alternative format" chunk."""

from __future__ import annotations

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.formats import FormatError, load_source

PAGE = (
    "<html><head><meta http-equiv=Content-Type content='text/html; charset=windows-1252'>"
    '<meta content="MSHTML 6\x00\x02\x00\x00\x00\x02\x00\x00 p\x00l\x07\x00" '
    "name=GENERATOR></head><body><div>Crews cleared the last of the fallen pines from the "
    "coast road on Friday, and the ferry to Skerry Island ran on time for the first time "
    "since the storm.</div><p>Caf\xe9 owners on the quay said trade was back to normal.</p>"
    "<p>The council will meet next week to decide whether the storm fund pays for the new "
    "culverts under the road, which flooded twice this winter, or whether the county must.</p>"
    "</body></html>"
)
CHUNK_HTML = (
    "<html><body><h1>Quay repairs finish early</h1><p>Engineers handed the rebuilt quay back "
    "to the harbour board on Monday, two weeks ahead of the schedule.</p><table><tr><td>Cost"
    "</td><td>1.2 million</td></tr><tr><td>Weeks</td><td>14</td></tr></table></body></html>"
)


def test_web_page_with_a_few_stray_nul_bytes_imports(tmp_path):
    path = tmp_path / "mail.html"
    path.write_bytes(PAGE.encode("cp1252"))
    source = load_source(path)
    assert "ferry to Skerry Island ran on time" in source.text
    assert "Café owners on the quay" in source.text


def test_file_made_of_nul_bytes_is_still_binary(tmp_path):
    path = tmp_path / "blob.html"
    path.write_bytes(b"<html><p>Caption</p>" + b"\x89PNG\x00\x00\x00\rIHDR\x00\x00" * 300)
    with pytest.raises(FormatError, match="binary data"):
        load_source(path)


def _docx_with_chunk(path, blob: bytes, content_type: str, name: str, before: str = "") -> None:
    document = docx.Document()
    if before:
        document.add_paragraph(before)
    part = Part(PackURI(f"/word/{name}"), content_type, blob, document.part.package)
    rid = document.part.relate_to(part, RT.A_F_CHUNK)
    chunk = etree.SubElement(document.element.body, qn("w:altChunk"))
    chunk.set(qn("r:id"), rid)
    document.element.body.append(document.element.body.sectPr)  # sectPr stays last
    document.save(path)


def test_docx_whose_body_is_an_html_chunk_keeps_its_text_in_place(tmp_path):
    path = tmp_path / "chunk.docx"
    _docx_with_chunk(path, CHUNK_HTML.encode(), "text/html", "chunk.html", before="Desk note")
    source = load_source(path)
    assert source.text.index("Desk note") < source.text.index("Quay repairs finish early")
    assert "two weeks ahead of the schedule" in source.text
    kinds = {source.text[b.start : b.end]: b.kind for b in source.blocks}
    assert kinds["Cost | 1.2 million"] == "table"


def test_docx_whose_body_is_an_mht_chunk_is_read(tmp_path):
    mht = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B"\r\n\r\n--B\r\n'
        'Content-Type: text/html; charset="utf-8"\r\nContent-Transfer-Encoding: '
        "quoted-printable\r\n\r\n<html><body><p>The quay reopens to fishing boats on Tuesday=\r\n"
        " morning, the harbour master said.</p></body></html>\r\n--B--\r\n"
    )
    path = tmp_path / "chunk_mht.docx"
    _docx_with_chunk(path, mht.encode(), "message/rfc822", "chunk.mht")
    assert "reopens to fishing boats on Tuesday morning" in load_source(path).text


DIAGRAM_DATA = (
    '<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>'
    '<dgm:pt modelId="0" type="doc"><dgm:prSet/></dgm:pt>'
    + "".join(
        f'<dgm:pt modelId="{i}"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{step}</a:t></a:r></a:p>'
        f'</dgm:t></dgm:pt><dgm:pt modelId="t{i}" type="sibTrans"><dgm:t><a:p><a:r><a:t>'
        "arrow</a:t></a:r></a:p></dgm:t></dgm:pt>"
        for i, step in enumerate(("Reporter files", "Editor checks", "Desk publishes"), 1)
    )
    + "</dgm:ptLst></dgm:dataModel>"
)


def test_docx_whose_only_text_is_a_smartart_diagram_keeps_its_boxes(tmp_path):
    document = docx.Document()
    part = Part(
        PackURI("/word/diagrams/data1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
        DIAGRAM_DATA.encode(),
        document.part.package,
    )
    rid = document.part.relate_to(part, RT.DIAGRAM_DATA)
    run = document.add_paragraph().add_run()
    rel_ids = etree.SubElement(
        run._r, "{http://schemas.openxmlformats.org/drawingml/2006/diagram}relIds"
    )
    rel_ids.set(qn("r:dm"), rid)
    path = tmp_path / "flow.docx"
    document.save(path)
    source = load_source(path)
    boxes = [source.text[b.start : b.end] for b in source.blocks if b.kind == "textbox"]
    assert boxes == ["Reporter files", "Editor checks", "Desk publishes"]
    assert "arrow" not in source.text
