"""What a crawler brings home on a bad day: the hostile corpus of issue 9, written by the tests into a
temporary folder (no committed binaries).

``build(root)`` writes every case and returns what each file must come to in the store: records
read, stored, duplicate, and quarantined with which reasons. The prose is composed by
``indonesian_grammar`` (invented, not corpus text); each valid record has its own seed so no two
are near-duplicates unless a case says so.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import indonesian_grammar as grammar

MB = 1024 * 1024


@dataclass
class Expect:
    """The outcome of one input file. ``quarantined`` maps reason -> count; ``stored`` may be a
    (min, max) range where the exact count depends on where a cut falls inside a compressed stream."""

    stored: int | tuple[int, int] = 0
    duplicates: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def stored_range(self) -> tuple[int, int]:
        return self.stored if isinstance(self.stored, tuple) else (self.stored, self.stored)


_seed = iter(())  # reset by build(): the same corpus every time


def prose(paragraphs: int = 4) -> str:
    """A fresh article text (a new seed each call)."""
    return grammar.article(random.Random(next(_seed)), paragraphs)


def title() -> str:
    return grammar.headline(random.Random(next(_seed)))


def jsonl(rows: list[dict | str | bytes]) -> bytes:
    out = bytearray()
    for r in rows:
        if isinstance(r, bytes):
            out += r
        elif isinstance(r, str):
            out += r.encode("utf-8")
        else:
            try:
                out += json.dumps(r, ensure_ascii=False).encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate can only be written as a \u escape
                out += json.dumps(r).encode("ascii")
        out += b"\n"
    return bytes(out)


def html_page(body: str, title_text: str = "Berita Dunia") -> str:
    return (f"<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{title_text}</title></head>"
            f"<body>{body}</body></html>")


def warc(records: list[tuple[str, bytes, str]], gz: bool) -> bytes:
    """A WARC of HTTP 200 responses: (target URI, payload, content type)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("hostile.warc", {"software": "warta-tests"}))
    for uri, payload, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload),
                                                      http_headers=headers))
    return buf.getvalue()


def billion_laughs(levels: int = 10) -> str:
    """The classic entity-expansion bomb: 10 levels of 10 references = 10^9 "lol"s (3 GB) if expanded."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, levels)]
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [\n' + "\n".join(entities) + "\n]>\n"
            '<rss version="2.0"><channel><title>Umpan Bom</title><link>https://contoh.co.id/</link>'
            f"<item><title>Bom tawa</title><link>https://contoh.co.id/bom</link>"
            f"<description>&lol{levels - 1};</description></item></channel></rss>")


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed: (title, link, text) per item."""
    body = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>Rabu, 24 Mei 2023 10:15 WIB</pubDate>"
                   f"<description><![CDATA[{text}]]></description></item>" for t, link, text in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Umpan Contoh</title>'
            f"<link>https://contoh.co.id/</link>{body}</channel></rss>")


def build(root: Path) -> dict[str, Expect]:
    """Write the hostile corpus under ``root``; returns {file name relative to root: Expect}."""
    global _seed
    _seed = iter(range(1000, 10_000))
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, Expect] = {}

    def put(name: str, data: bytes, expect: Expect) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases[name] = expect

    # --- compression --------------------------------------------------------------------------
    rows = [{"id": f"gz-{i}", "title": title(), "text": prose(6), "date": "2023-05-24"} for i in range(40)]
    whole = gzip.compress(jsonl(rows))
    put("truncated.jsonl.gz", whole[: len(whole) * 2 // 3],
        Expect(stored=(1, 39), quarantined={"truncated-gzip": 1},
               note="cut at 2/3: the records before the cut stand, the cut is one quarantine record"))
    put("not-really.gz", b"\x1f\x8b\x08\x00" + random.Random(7).randbytes(4000),
        Expect(quarantined={"bad-gzip": 1}, note="gzip magic, then garbage"))
    # Decompression bombs: 64 MB in 64 KB.
    put("zeros.jsonl.gz", gzip.compress(b"\x00" * (64 * MB), compresslevel=6),
        Expect(quarantined={"binary": 1}, note="64 MB of NUL bytes: refused at the first bytes"))
    put("long-line.jsonl.gz", gzip.compress(b'{"id": "panjang", "text": "' + b"a" * (64 * MB) + b'"}\n'
                                            + jsonl([{"id": "sesudah", "text": prose()}]), compresslevel=6),
        Expect(stored=1, quarantined={"too-large": 1}, note="a 64 MB line is drained, the line after it read"))
    put("bomb.txt.gz", gzip.compress(b"a" * (64 * MB), compresslevel=6),
        Expect(quarantined={"too-large": 1}, note="read up to the limit only"))

    # --- encodings ----------------------------------------------------------------------------
    text = prose()
    cut = len(text.encode()) // 2
    put("invalid-utf8.txt", text.encode()[:cut] + b"\xff\xfe\xc3(" + text.encode()[cut:],
        Expect(quarantined={"bad-encoding": 1}))
    put("cp1252.txt", (prose() + " Café “déjà vu” — naïve.").encode("cp1252"),
        Expect(quarantined={"bad-encoding": 1}, note="Windows-1252 is not guessed at"))
    put("wtf8-surrogate.txt", prose().encode() + b" \xed\xa0\x80 akhir.",
        Expect(quarantined={"bad-encoding": 1}, note="an encoded lone surrogate (CESU/WTF-8) is not UTF-8"))
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + (title() + "\n" + prose()).encode("utf-16-le"),
        Expect(stored=1, note="UTF-16 with its byte-order mark is decoded"))
    put("utf16-be-bom.jsonl", codecs.BOM_UTF16_BE + jsonl([{"text": prose()}, {"text": prose()}]).decode().encode("utf-16-be"),
        Expect(stored=2, note="UTF-16-BE JSON Lines with a BOM"))
    put("utf32-bom.txt", (prose()).encode("utf-32"), Expect(stored=1, note="UTF-32 with its BOM"))
    put("utf16-no-bom.txt", prose().encode("utf-16-le"),
        Expect(quarantined={"binary": 1}, note="no BOM: NUL bytes, no reliable sign of UTF-16"))
    put("utf8-bom-crlf.txt", codecs.BOM_UTF8 + (title() + "\r\n\r\n" + prose().replace("\n", "\r\n")).encode(),
        Expect(stored=1))
    put("nul-inside.txt", prose().encode() + b"\x00\x00\x00" + prose().encode(),
        Expect(quarantined={"binary": 1}, note="NUL bytes in a text file"))

    # --- binary and empty ---------------------------------------------------------------------
    noise = random.Random(3)
    put("noise.dat", noise.randbytes(20_000), Expect(quarantined={"binary": 1}))
    put("foto.txt", b"\x89PNG\r\n\x1a\n" + noise.randbytes(5000),
        Expect(quarantined={"binary": 1}, note="a PNG with a .txt name"))
    put("laporan.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + noise.randbytes(5000),
        Expect(quarantined={"binary": 1}, note="a PDF with an .html name"))
    put("dokumen.docx", b"PK\x03\x04" + noise.randbytes(3000),
        Expect(quarantined={"binary": 1}, note="unknown extension, ZIP magic"))
    put("elf.jsonl", b"\x7fELF\x02\x01\x01" + bytes(4000), Expect(quarantined={"binary": 1}))
    for name in ("kosong.txt", "kosong.jsonl", "kosong.html", "kosong.xml", "kosong.warc", "kosong.json",
                 "kosong-tanpa-ekstensi"):
        put(name, b"", Expect(quarantined={"empty": 1}))
    put("spasi.txt", b"  \n\n\t \r\n  ", Expect(quarantined={"empty": 1}))
    put("kosong.txt.gz", gzip.compress(b""), Expect(quarantined={"empty": 1}))
    put("blank-lines.jsonl", b"\n\n   \n\n", Expect(quarantined={"empty": 1}))

    # --- JSON Lines with broken lines and wrong types -------------------------------------------
    first = prose()
    put("broken.jsonl", jsonl([
        {"id": "ok-1", "title": title(), "text": first, "date": "2023-05-24", "url": "https://contoh.co.id/1"},
        {"id": "num", "title": title(), "text": 12345},                        # invalid-record
        {"id": "title-list", "title": ["Judul", "ganda"], "text": prose()},    # stored, field error noted
        {"id": "no-text", "title": title(), "date": "2023-05-24"},            # missing-text
        {"id": "null-date", "title": title(), "text": prose(), "date": None},  # stored, undated
        {"id": "bad-date", "title": title(), "text": prose(), "date": "kemarin sore"},  # stored, date_raw kept
        {"id": "feb-30", "text": prose(), "date": "2023-02-30"},              # stored, undated
        {"id": "huge-ts", "text": prose(), "date": 1e300},                    # stored, undated
        '{"id": "nan-date", "text": "%s", "date": NaN}' % prose(2).replace("\n", "\\n"),  # stored
        '{"id": "cut", "text": "Presiden bertemu',                            # malformed-json
        "[1, 2, 3]",                                                            # invalid-record
        '"hanya sebuah string"',                                                # invalid-record
        "",                                                                     # blank: not a record
        "[" * 100_000,                                                          # malformed-json (too deep)
        {"id": "dict-text", "text": {"isi": "bukan string"}},                 # invalid-record
        {"id": "bool-text", "text": True},                                      # invalid-record
        {"id": "ws-text", "text": " \n\t\u200b "},                              # empty after normalisation
        {"id": "nul-char", "text": "Awal\u0000 " + prose()},                   # stored, NUL removed
        {"id": "surrogate", "text": prose() + " \ud83d akhir."},              # a lone surrogate (\ud83d escape)
        {"id": "ok-1-copy", "text": first},                                     # exact duplicate
        {"id": "ok-1", "text": prose()},                                        # id-conflict
        b'{"id": "latin1", "text": "caf\xe9 ' + prose().encode().replace(b"\n", b"\\n") + b'"}',  # bad-encoding
        {"id": 77, "title": 3.5, "text": prose(), "source": {"name": "Kantor Berita"}},  # stored, coerced
        {"id": "long-id-" + "x" * 5000, "text": prose()},                       # stored under a derived id
        {"id": "kompas/2023/05/24/menlu ri?x=1#a", "text": prose()},            # stored: a URL path as id
        {"id": "line\nbreak\u0000id", "text": prose()},                          # stored under a derived id
        {"id": "dup-keys", "text": "diganti", "text ": "", "text": prose()},  # last key wins: stored
        {"id": "xss", "title": "<script>alert('judul')</script> Bahas \u202eKerja Sama",  # stored: as text
         "text": prose() + " <img src=x onerror=alert(1)> {{7*7}} </textarea><script>alert(2)</script>",
         "url": "javascript:alert(3)", "source": "<b>Outlet</b>"},
    ]), Expect(stored=15, duplicates=1, quarantined={
        "invalid-record": 5, "missing-text": 1, "malformed-json": 2, "empty": 1, "id-conflict": 1,
        "bad-encoding": 1}, note="one record with a lone surrogate is stored with U+FFFD; a blank line is no record"))

    # --- HTML ---------------------------------------------------------------------------------
    put("nav-only.html", html_page(
        "<header><nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a> <a href='/ekonomi'>Ekonomi</a></nav></header>"
        "<div class='cookie'>Kami memakai cookie.</div><footer>Hak cipta 2023 Warta Contoh</footer>").encode(),
        Expect(quarantined={"no-main-text": 1}))
    put("scripts-only.html", html_page("<script>" + "var x = 1;\n" * 5000 + "</script><style>p{}</style>").encode(),
        Expect(quarantined={"no-main-text": 1}))
    body = "".join(f"<p>{p}</p>" for p in prose(5).split("\n\n"))
    put("nested-100k.html", html_page("<div>" * 100_000 + f"<article>{body}</article>" + "</div>" * 100_000).encode(),
        Expect(quarantined={"too-deep": 1}, note="100,000 nested divs: libxml2 stops at depth 256"))
    put("unclosed-100k.html", html_page("<div><span>" * 50_000 + body).encode(),
        Expect(quarantined={"too-deep": 1}, note="100,000 unclosed elements"))
    put("entity-flood.html", html_page("<p>" + "&amp;" * 200_000 + "</p>").encode(),
        Expect(quarantined={"no-main-text": 1}, note="200,000 entities and no sentence"))

    # --- feeds ----------------------------------------------------------------------------------
    put("bom-tawa.rss", billion_laughs().encode(), Expect(quarantined={"unsafe-xml": 1},
                                                         note="billion laughs: refused unread"))
    put("bom-tawa-padded.xml", billion_laughs().replace(
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<?xml version="1.0" encoding="utf-8"?>\n<!--' + " " * 100_000 + "-->\n").encode(),
        Expect(quarantined={"unsafe-xml": 1}, note="the bomb's declarations after 100 KB of comment"))
    put("bom-tawa-utf16.rss", codecs.BOM_UTF16_LE + billion_laughs().replace("utf-8", "utf-16").encode("utf-16-le"),
        Expect(quarantined={"unsafe-xml": 1}, note="the bomb in UTF-16"))
    put("xxe.rss", ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                    '<rss version="2.0"><channel><title>x</title><item><title>XXE</title>'
                    "<description>&xxe;</description></item></channel></rss>").encode(),
        Expect(quarantined={"unsafe-xml": 1}, note="external entity"))
    put("feed-ok.rss", rss([(title(), f"https://contoh.co.id/rss/{i}", prose(3)) for i in range(3)]).encode(),
        Expect(stored=3))
    put("feed-truncated.rss", rss([(title(), f"https://contoh.co.id/rt/{i}", prose(3)) for i in range(3)]).encode()[:-400],
        Expect(stored=2, quarantined={"empty": 1}, note="cut inside the last item: its text is lost"))
    put("not-a-feed.xml", b'<?xml version="1.0"?><catalog><book id="1"><title>Buku</title></book></catalog>',
        Expect(quarantined={"not-a-feed": 1}))

    # --- WARC ---------------------------------------------------------------------------------
    def pages(n: int) -> list[tuple[str, bytes, str]]:
        return [(f"https://contoh.co.id/warc/{next(_seed)}", html_page(
            "<main><article><h1>Judul</h1>" + "".join(f"<p>{p}</p>" for p in prose(5).split("\n\n"))
            + "</article></main>", title()).encode(), "text/html; charset=utf-8") for _ in range(n)]

    for gz in (False, True):
        data = warc(pages(3), gz)
        name = "terpotong.warc.gz" if gz else "terpotong.warc"
        put(name, data[: len(data) - 300], Expect(stored=2, quarantined={"truncated-warc": 1},
                                                  note="the last record cut 300 bytes short"))
    data = warc(pages(1), False)
    put("header-cut.warc", data + b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Targ",
        Expect(stored=1, quarantined={"truncated-warc": 1}, note="a record header cut short"))

    # --- sizes and shapes -----------------------------------------------------------------------
    letters = random.Random(5)
    token = "".join(letters.choices("abcdefghijklmnopqrstuvwxyz", k=150_000))
    put("satu-kata.txt", f"Presiden bertemu {token} di Jakarta pada Rabu (24/5).\n\n{prose(2)}".encode(),
        Expect(stored=1, note="a 150,000-character token, analysed"))
    put("sangat-panjang.txt", "\n\n".join(prose(8) for _ in range(400)).encode(),
        Expect(stored=1, note="~1 MB of prose: stored, not analysed (too-long)"))
    put("emoji-only.txt", ("😀🇮🇩✨ " * 2000).encode(), Expect(stored=1, note="no letters at all"))
    put("rtl-mixed.txt", (prose(2) + "\n\nقال الرئيس إن المحادثات ستستمر. שלום עולם.\n\n" + prose(1)).encode(),
        Expect(stored=1))
    put("combining.txt", ("Jakarta" + "\u0301" * 5000 + " " + prose(2)).encode(),
        Expect(stored=1, note="5,000 combining marks on one letter"))

    # --- the file system itself -----------------------------------------------------------------
    try:
        weird = os.fsdecode(b"nama-\xff\xfe.txt")  # not UTF-8: a surrogate-escaped str
        (root / weird).write_bytes(prose().encode())
        cases[weird] = Expect(stored=1, note="a file name that is not UTF-8 (stored as nama-\\xff\\xfe.txt)")
    except OSError:
        pass
    os.symlink(root / "tidak-ada.txt", root / "tautan-putus.txt")
    cases["tautan-putus.txt"] = Expect(quarantined={"unreadable": 1}, note="broken symlink in a folder walk")
    return cases
