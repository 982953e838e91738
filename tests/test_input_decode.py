"""Bytes to text: BOM-less UTF-16, bytes that are not text, and legacy charsets without a declaration."""

from __future__ import annotations

import bz2
import gzip
import io
import random
import zipfile
import zlib

import pytest

import boilerstrip
from boilerstrip.inputs import decode, sniff_binary

ARTICLE = [
    "Residents of Port Alder voted on Tuesday to borrow twelve million pounds to rebuild the sea wall that failed.",
    "The old wall, built in the 1950s, gave way in two places in January, flooding more than two hundred homes.",
    "Engineers expect the new wall to be two metres higher than the old one and to last at least sixty years.",
]
HTML = (
    "<!DOCTYPE html><html><head><title>Sea wall vote</title></head><body><nav><a href='/'>Home</a></nav>"
    "<h1>Harbour town votes to rebuild its sea wall</h1>"
    + "".join(f"<p>{p}</p>" for p in ARTICLE)
    + "<footer>© 2025 Coastal Herald. All rights reserved.</footer></body></html>"
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(encoding: str) -> None:
    out = boilerstrip.clean(HTML.encode(encoding))
    assert "\x00" not in out
    assert out == boilerstrip.clean(HTML)
    assert decode("Café au lait\nSecond line".encode(encoding)) == "Café au lait\nSecond line"
    assert sniff_binary(HTML.encode(encoding)) is None


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("page.html", HTML)
    return buffer.getvalue()


BINARIES = {
    "gzip-compressed data": lambda: gzip.compress(HTML.encode()),
    "zlib-compressed data": lambda: zlib.compress(HTML.encode()),
    "bzip2-compressed data": lambda: bz2.compress(HTML.encode()),
    "a zip archive": _zip,
    "a PDF document": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "a PNG image": _png,
    "a JPEG image": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(200),
    "a GIF image": lambda: b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04",
}


@pytest.mark.parametrize("reason", sorted(BINARIES))
def test_bytes_that_are_not_text_give_nothing_with_a_reason(reason: str) -> None:
    raw = BINARIES[reason]()
    assert sniff_binary(raw) == reason
    assert decode(raw) == ""
    assert boilerstrip.clean(raw) == ""


def test_random_bytes_are_binary_by_their_control_bytes() -> None:
    raw = random.Random(5).randbytes(10_000)
    assert sniff_binary(raw) == "binary data (control bytes)"
    assert boilerstrip.clean(raw) == ""


@pytest.mark.parametrize(
    "raw",
    [
        HTML.encode(),
        b"x^2 + y^2 = r^2 is the circle; x^3 is a cube.",  # opens like a zlib header, is text
        b"BZh is not bzip2 here, only three letters at the start of a line.",
        b"Tab\tseparated\fpage\r\nwith \x1b[1mANSI\x1b[0m escapes",
        "日本語のページ".encode("iso-2022-jp"),  # escape sequences, no other control bytes
        "Ærø og Ålborg".encode("cp1252"),
        "Café".encode("utf-8-sig"),
        "Café".encode("utf-16"),
    ],
)
def test_text_is_not_taken_for_binary(raw: bytes) -> None:
    assert sniff_binary(raw) is None


# Our own sentences, each in the single-byte charset its language's legacy pages use; no declaration.
LEGACY = {
    "french": ("cp1252", "À la fin de la réunion, le maire a annoncé que la bibliothèque du quartier rouvrira "
               "après les travaux. Les habitants, déçus par le retard, espèrent que les élèves pourront y "
               "étudier dès la rentrée. « C’est une très bonne nouvelle », a déclaré une mère à côté de l’école."),
    "german": ("cp1252", "Der Gemeinderat hat am Dienstag beschlossen, die marode Brücke über den Fluss bis zum "
               "nächsten Frühjahr vollständig zu erneuern. „Wir müssen endlich handeln“, sagte der Bürgermeister. "
               "Die Kosten werden auf über drei Millionen Euro geschätzt; ein Großteil kommt vom Land."),
    "spanish": ("cp1252", "El ayuntamiento aprobó el martes la reforma de la plaza mayor. ¿Cuándo empezarán las "
                "obras? Según el alcalde, en otoño, después de las fiestas. Los vecinos celebraron la decisión, "
                "aunque algunos comerciantes temen perder clientes durante los meses de trabajo."),
    "portuguese": ("cp1252", "A câmara municipal aprovou na terça-feira a construção de uma nova ponte sobre o rio, "
                   "que deverá ficar concluída até ao verão. As obras, orçadas em três milhões de euros, vão "
                   "obrigar ao desvio do trânsito durante vários meses, e as soluções ainda não são conhecidas."),
    "italian": ("cp1252", "Il consiglio comunale ha approvato martedì il progetto per la nuova biblioteca, che sarà "
                "costruita vicino alla stazione. Così, secondo il sindaco, gli studenti potranno studiare più a "
                "lungo; perché il cantiere non blocchi il traffico, la città ha previsto percorsi alternativi."),
    "english": ("cp1252", "The council voted on Tuesday to rebuild the sea wall – a decision residents have waited "
                "for since the storm. “It’s about time,” said one shop owner. The work will cost £12 million…"),
    "polish": ("cp1250", "Rada miasta zdecydowała we wtorek, że nowa biblioteka zostanie otwarta jeszcze przed końcem "
               "roku. Mieszkańcy, którzy od dawna skarżyli się na brak miejsca do nauki, przyjęli tę wiadomość z "
               "zadowoleniem. Koszt budowy przekroczył już dwa miliony złotych, ale podatki nie wzrosną."),
    "polish-latin2": ("iso-8859-2", "Rada miasta zdecydowała we wtorek, że nowa biblioteka zostanie otwarta jeszcze "
                      "przed końcem roku. Mieszkańcy, którzy od dawna skarżyli się na brak miejsca do nauki, przyjęli "
                      "tę wiadomość z zadowoleniem. Koszt budowy przekroczył już dwa miliony złotych."),
    "czech": ("cp1250", "Městské zastupitelstvo v úterý rozhodlo, že nová knihovna bude otevřena ještě před koncem "
              "roku. Obyvatelé, kteří si dlouho stěžovali na nedostatek místa ke studiu, přijali zprávu s nadšením. "
              "Ředitelka školy řekla, že žáci budou moci čítárnu využívat i v sobotu."),
    "czech-latin2": ("iso-8859-2", "Městské zastupitelstvo v úterý rozhodlo, že nová knihovna bude otevřena ještě "
                     "před koncem roku. Obyvatelé, kteří si dlouho stěžovali na nedostatek místa ke studiu, přijali "
                     "zprávu s nadšením. Ředitelka školy řekla, že žáci budou moci čítárnu využívat i v sobotu."),
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(LEGACY))
def test_legacy_single_byte_charsets_without_a_declaration(language: str) -> None:
    encoding, text = LEGACY[language]
    assert decode(text.encode(encoding)) == text


def test_other_legacy_charsets_still_go_to_the_detector() -> None:
    russian = "Городской совет во вторник решил, что новая библиотека откроется ещё до конца года. Жители давно "
    russian += "жаловались на нехватку места для учёбы и встретили новость с радостью."
    assert decode(russian.encode("cp1251")) == russian
    turkish = "Belediye meclisi salı günü yeni kütüphanenin yıl sonundan önce açılacağına karar verdi. Uzun "
    turkish += "süredir çalışacak yer bulamadıklarından şikâyet eden öğrenciler haberi sevinçle karşıladı."
    assert decode(turkish.encode("cp1254")) == turkish
