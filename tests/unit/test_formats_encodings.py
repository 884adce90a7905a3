"""Legacy encodings: our own sentences encoded by Python's codecs, read back by the importers."""

from __future__ import annotations

import pytest

from desktop_app.formats import FormatError, load_source

RUSSIAN = (
    "Городской совет вчера вечером утвердил новый бюджет на ремонт моста через реку. "
    "Жители района говорят, что ждали этого решения почти десять лет, и надеются, "
    "что работы начнутся весной."
)
GREEK = (
    "Το δημοτικό συμβούλιο ενέκρινε χθες το βράδυ τον νέο προϋπολογισμό για την επισκευή "
    "της γέφυρας. Οι κάτοικοι της περιοχής λένε ότι περίμεναν αυτή την απόφαση σχεδόν δέκα χρόνια."
)
CZECH = (
    "Městská rada včera večer schválila nový rozpočet na opravu mostu přes řeku. Obyvatelé "
    "čtvrti říkají, že na toto rozhodnutí čekali téměř deset let, a doufají, že práce začnou "
    "na jaře. Šéf komise slíbil, že rozpočet zveřejní do konce měsíce."
)
ARABIC = (
    "وافق مجلس المدينة مساء أمس على ميزانية جديدة لإصلاح الجسر فوق النهر. "
    "ويقول سكان الحي إنهم انتظروا هذا القرار قرابة عشر سنوات، ويأملون أن تبدأ الأعمال في الربيع."
)
ENGLISH = (
    "The city council approved a new budget last night to repair the bridge over the river.\n\n"
    "Residents say they waited almost ten years for this decision and hope work starts in spring."
)

# Windows-1252 prose whose few accented letters (ï, ñ) are other letters in Windows-1250 (ď, ń):
# the detector alone reads these as Slovak and prints "naďve".
WESTERN_CURLY = (
    "\u201cWe will open the café on Monday,\u201d said the owner of the bakery. The plan was "
    "naïve, she said, and the cost of the new oven was higher than the council had expected. "
    "A spokesman for the mayor, Iñigo Ruiz, said the permit was \u2018a formality\u2019."
)
FRENCH = (
    "Le conseil municipal a approuvé hier soir le nouveau budget pour la réparation du pont. "
    "Les habitants du quartier disent qu\u2019ils attendaient cette décision depuis près de dix "
    "ans et espèrent que les travaux commenceront au printemps. Le maire a été très clair."
)


def _import(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load_source(path)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "cp866"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "koi8-r"),
        (GREEK, "cp1253"),
        (GREEK, "iso8859-7"),
        (CZECH, "cp1250"),
        (CZECH, "iso8859-2"),
        (ARABIC, "cp1256"),
        (RUSSIAN, "utf-16-le"),
        (RUSSIAN, "utf-16-be"),
        (ARABIC, "utf-16-le"),
        (ENGLISH, "utf-16-be"),
        (WESTERN_CURLY, "cp1252"),
        ("\n\n".join([WESTERN_CURLY] * 40), "cp1252"),
        (FRENCH, "cp1252"),
    ],
)
def test_text_in_a_legacy_code_page_or_bomless_utf16_reads_back(tmp_path, text, encoding):
    source = _import(tmp_path, "draft.txt", text.encode(encoding))
    assert " ".join(source.text.split()) == " ".join(text.split())


def test_ebcdic_text_keeps_its_paragraphs(tmp_path):
    source = _import(tmp_path, "mainframe.txt", ENGLISH.replace("\n", "\x85").encode("cp500"))
    assert [source.text[b.start : b.end] for b in source.blocks] == ENGLISH.split("\n\n")


def _page(meta: str, body: str) -> str:
    return (
        f"<html><head>{meta}<title>Bridge</title></head><body><article>"
        f"<h1>Bridge budget approved</h1><p>{body}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("meta", "text", "encoding"),
    [
        ('<meta charset="iso-8859-1">', ARABIC, "cp1256"),  # the <meta> lies
        ('<meta charset="windows-1251">', RUSSIAN, "koi8-r"),  # lies, same script
        ('<meta charset="utf-8">', RUSSIAN, "utf-16-le"),  # no BOM, lying meta
        (
            '<meta charset="windows-1252"><meta charset="x-unknown">'
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1253">',
            GREEK,
            "cp1253",
        ),  # noisy, duplicate meta tags
        ('<meta charset="iso-8859-2">', CZECH, "iso8859-2"),  # an honest meta is kept
    ],
)
def test_web_page_charset_is_weighed_against_its_bytes(tmp_path, meta, text, encoding):
    source = _import(tmp_path, "page.html", _page(meta, text).encode(encoding))
    assert text in source.text
    assert source.text.startswith("Bridge budget approved")


def test_unclear_encoding_is_one_line_naming_the_guess(tmp_path):
    # Random high bytes read as no language; the detector is not confident.
    data = bytes(range(0x80, 0x100)) * 3 + b" ok"
    with pytest.raises(FormatError) as caught:
        _import(tmp_path, "noise.txt", data)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("noise.txt: ")
