"""Realistic news prose written for warta's ingest tests (not taken from any corpus), and small
builders for the files the tests write: HTML pages, feeds, WARCs.

The stories are invented; names of real offices and places make them read like news.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Iterable

# An agency report (Antara style) — the "original" of a syndicated copy.
MARITIM_AGENCY = """Jakarta (ANTARA) - Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Jepang Yoshimasa Hayashi di Tokyo pada Rabu (24/5) untuk membahas kerja sama maritim dan perdagangan kedua negara.

Dalam pertemuan yang berlangsung selama dua jam itu, kedua menteri sepakat mempercepat perundingan mengenai patroli bersama di perairan perbatasan serta pertukaran data satelit untuk mengawasi penangkapan ikan ilegal.

“Indonesia dan Jepang sepakat memperkuat kerja sama di bidang keamanan laut dan energi bersih,” kata Retno kepada wartawan seusai pertemuan di Kementerian Luar Negeri Jepang.

Hayashi menyatakan Jepang siap memberikan hibah kapal patroli tambahan kepada Badan Keamanan Laut (Bakamla) pada tahun depan. Ia juga menegaskan dukungan Tokyo terhadap keketuaan Indonesia di ASEAN.

Kedua menteri turut membahas situasi di Laut China Selatan. Menurut Retno, semua pihak harus menghormati hukum internasional, termasuk Konvensi PBB tentang Hukum Laut (UNCLOS) 1982.

Kunjungan Retno ke Tokyo merupakan bagian dari persiapan Konferensi Tingkat Tinggi ASEAN yang akan digelar di Jakarta pada September mendatang. Sebelumnya, Retno juga telah bertemu dengan Perdana Menteri Jepang Fumio Kishida di kantor perdana menteri."""

# The same agency text republished by another outlet: new dateline, one sentence trimmed.
MARITIM_SYNDICATED = """TOKYO, KOMPAS.com - Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Jepang Yoshimasa Hayashi di Tokyo pada Rabu (24/5) untuk membahas kerja sama maritim dan perdagangan kedua negara.

Dalam pertemuan yang berlangsung selama dua jam itu, kedua menteri sepakat mempercepat perundingan mengenai patroli bersama di perairan perbatasan serta pertukaran data satelit untuk mengawasi penangkapan ikan ilegal.

“Indonesia dan Jepang sepakat memperkuat kerja sama di bidang keamanan laut dan energi bersih,” kata Retno kepada wartawan seusai pertemuan di Kementerian Luar Negeri Jepang.

Hayashi menyatakan Jepang siap memberikan hibah kapal patroli tambahan kepada Badan Keamanan Laut (Bakamla) pada tahun depan. Ia juga menegaskan dukungan Tokyo terhadap keketuaan Indonesia di ASEAN.

Kedua menteri turut membahas situasi di Laut China Selatan. Menurut Retno, semua pihak harus menghormati hukum internasional, termasuk Konvensi PBB tentang Hukum Laut (UNCLOS) 1982.

Kunjungan Retno ke Tokyo merupakan bagian dari persiapan Konferensi Tingkat Tinggi ASEAN yang akan digelar di Jakarta pada September mendatang."""

# Another outlet's own report of the same meeting: same facts and names, its own words.
MARITIM_OWN_REPORT = """Pemerintah Jepang berjanji menambah hibah kapal patroli untuk Indonesia. Janji itu disampaikan Menlu Jepang Yoshimasa Hayashi ketika menerima kunjungan Menlu Retno Marsudi di Tokyo, Rabu kemarin.

Menurut sumber di Kementerian Luar Negeri, kapal-kapal itu akan diserahkan kepada Bakamla secara bertahap mulai tahun depan dan dipakai untuk menjaga perairan Natuna Utara dari kapal pencuri ikan.

Selain soal kapal, Retno dan Hayashi membicarakan rencana latihan bersama penjaga pantai kedua negara. Pembicaraan juga menyinggung investasi Jepang di sektor energi terbarukan, termasuk proyek panas bumi di Sulawesi Utara.

"Kami melihat Jepang sebagai mitra strategis yang konsisten," ujar Retno dalam keterangan pers tertulis yang diterima redaksi pada Kamis pagi.

Pengamat hubungan internasional dari Universitas Indonesia, Dinna Prapto, menilai hibah kapal tersebut menunjukkan kekhawatiran Tokyo atas meningkatnya aktivitas kapal asing di kawasan. Ia mengingatkan agar kerja sama itu tidak membuat Indonesia terseret dalam persaingan kekuatan besar."""

# A second, unrelated story.
GEMPA = """Pemerintah Indonesia mengirimkan bantuan kemanusiaan senilai dua juta dolar AS kepada korban gempa bumi di Turki dan Suriah. Bantuan berupa obat-obatan, tenda, selimut dan makanan siap saji itu diberangkatkan dari Pangkalan Udara Halim Perdanakusuma, Jakarta, pada Selasa pagi.

Kepala Badan Nasional Penanggulangan Bencana (BNPB) Suharyanto mengatakan pesawat Hercules TNI Angkatan Udara akan terbang melalui Medan dan Abu Dhabi sebelum mendarat di Adana. Tim medis yang terdiri atas dua puluh dokter dan perawat turut diberangkatkan.

"Ini wujud solidaritas bangsa Indonesia kepada saudara-saudara kita di Turki dan Suriah," kata Suharyanto di sela pelepasan bantuan.

Duta Besar Turki untuk Indonesia menyampaikan terima kasih atas bantuan tersebut. Ia menyebut jumlah korban meninggal akibat gempa bermagnitudo 7,8 itu telah melampaui tiga puluh ribu jiwa dan ribuan bangunan runtuh di kedua negara."""

# Malay (Bernama style) and English texts for language identification.
MALAY = """Perdana Menteri Datuk Seri Anwar Ibrahim berkata kerajaan akan terus memperkukuh hubungan dua hala dengan negara jiran bagi memastikan kestabilan serantau. Beliau berkata demikian ketika ditemui pemberita selepas majlis perasmian persidangan antarabangsa di Putrajaya semalam.

Menurut beliau, Malaysia dan Indonesia bersetuju untuk mempercepatkan rundingan mengenai sempadan maritim kerana isu itu sudah terlalu lama tertangguh. Kenyataan media Wisma Putra menyebut kedua-dua pihak turut membincangkan kebajikan pekerja Malaysia dan Indonesia."""

ENGLISH = """Indonesia and Japan agreed on Wednesday to speed up talks on joint maritime patrols and the exchange of satellite data to track illegal fishing, the two countries' foreign ministers said after a meeting in Tokyo. Japan will also provide additional patrol vessels to Indonesia's maritime security agency next year, officials said."""

# The first lines of a "Top N Dunia" item, written for these tests (the seed example itself is
# read from ../shared only by the seed test).
DIGEST_ITEM = """3. Presiden Filipina Kunjungi Jakarta Bahas Perbatasan Laut
Presiden Filipina tiba di Jakarta pada Kamis, 25 Mei 2023, untuk kunjungan kenegaraan dua hari yang akan membahas garis batas laut di Laut Sulawesi dan kerja sama pemberantasan penyelundupan senjata.
“Kami ingin perbatasan yang damai dan aman bagi nelayan kedua negara,” kata Presiden Filipina setibanya di Bandara Soekarno-Hatta.
Kedua pemimpin dijadwalkan menandatangani nota kesepahaman tentang patroli terkoordinasi di perairan selatan Filipina.
Selanjutnya, baca di sini."""


def news_page(title: str, body_paragraphs: Iterable[str], *, date_meta: str | None = "2023-05-24T10:15:00+07:00",
              canonical: str = "https://warta-contoh.co.id/dunia/2023/05/24/menlu-ri-jepang",
              site: str = "Warta Contoh", date_line: str = "Rabu, 24 Mei 2023 10:15 WIB") -> str:
    """A news page as sites serve it: navigation, sidebar, footer and cookie banner around the article."""
    meta = f'<meta property="article:published_time" content="{date_meta}">' if date_meta else ""
    body = "\n".join(f"<p>{p}</p>" for p in body_paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
{meta}
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<style>.menu {{ display: flex; }}</style>
</head><body>
<header><nav class="menu"><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/dunia">Dunia</a></li><li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav></header>
<div class="cookie-banner">Kami menggunakan cookie untuk meningkatkan pengalaman Anda. <a href="/privasi">Setuju</a></div>
<main><article>
<h1>{title}</h1>
<div class="byline">Penulis: Redaksi Dunia</div>
<time>{date_line}</time>
{body}
</article>
<aside class="sidebar"><h3>Terpopuler</h3><ul>
<li><a href="/a">Harga cabai rawit naik lagi menjelang Iduladha</a></li>
<li><a href="/b">Jadwal KRL Jogja-Solo terbaru pekan ini</a></li>
<li><a href="/c">Lowongan kerja BUMN dibuka hingga akhir bulan</a></li></ul></aside></main>
<footer><p>Hak cipta © 2023 {site}. Seluruh hak dilindungi undang-undang.</p>
<a href="/kontak">Kontak</a> | <a href="/pedoman">Pedoman Media Siber</a></footer>
</body></html>"""


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def write_jsonl(path: Path, rows: Iterable[dict | str], gz: bool = False) -> Path:
    data = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)
    path.write_bytes(gzip.compress(data.encode("utf-8")) if gz else data.encode("utf-8"))
    return path


def write_warc(path: Path, records: Iterable[tuple[str, str, bytes, str]], gz: bool = False) -> Path:
    """records: (kind, uri, payload, content type) with kind "response", "response-404" or "request"."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warta-tests"}))
    for kind, uri, payload, ctype in records:
        if kind == "request":
            headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "warta-contoh.co.id")], is_http_request=True)
            writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=headers))
            continue
        status = "404 Not Found" if kind == "response-404" else "200 OK"
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers))
    path.write_bytes(buf.getvalue())
    return path
