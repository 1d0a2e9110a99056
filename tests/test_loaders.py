"""scqa.loaders: real files of every supported format, and every way a file can fail."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pdfs import image_only_pdf, text_pdf
from scqa import loaders
from scqa.errors import LoadError, UnsupportedFile

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

PAGE_1 = (
    "Quyết định 950/QĐ-TTg ngày 1/8/2018 của Thủ tướng Chính phủ phê duyệt Đề án phát triển đô "
    "thị thông minh bền vững Việt Nam giai đoạn 2018 - 2025 và định hướng đến năm 2030."
)
PAGE_2 = "Mục tiêu đến năm 2025: có ít nhất 3 đô thị thông minh tại các vùng kinh tế trọng điểm."
PAGE_3 = "Bộ Xây dựng chủ trì, phối hợp với Bộ Thông tin và Truyền thông hướng dẫn thực hiện."


def flat(s: str) -> str:
    return " ".join(s.split())


def load_error(path: Path, root: Path, **kwargs) -> LoadError:
    with pytest.raises(LoadError) as err:
        loaders.load(path, root, **kwargs)
    assert err.value.path == str(path)
    return err.value


# ---------------------------------------------------------------------------- PDF
def test_multi_page_pdf(tmp_path):
    path = text_pdf(tmp_path / "de-an.pdf", [PAGE_1, "", PAGE_2, PAGE_3])
    doc = loaders.load(path, tmp_path)
    assert doc.format == "pdf"
    assert doc.source == "de-an.pdf"
    assert [p.number for p in doc.pages] == [1, 3, 4]  # the blank page 2 is skipped
    assert [flat(p.text) for p in doc.pages] == [PAGE_1, PAGE_2, PAGE_3]
    assert doc.title == PAGE_1.split(" ", 1)[0] or doc.title.startswith("Quyết định 950/QĐ-TTg")
    assert doc.language == "vi"
    assert doc.date == "2018-08-01"
    assert doc.doc_number == "950/QĐ-TTg"
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.flags == ()


def test_pdf_metadata_title_is_used_when_meaningful(tmp_path):
    path = text_pdf(tmp_path / "a.pdf", [PAGE_2], title="Đề án đô thị thông minh")
    assert loaders.load(path, tmp_path).title == "Đề án đô thị thông minh"
    path = text_pdf(tmp_path / "b.pdf", [PAGE_2], title="Microsoft Word - draft.docx")
    assert loaders.load(path, tmp_path).title.startswith("Mục tiêu đến năm 2025")


def test_encrypted_pdf_needs_password(tmp_path):
    path = text_pdf(tmp_path / "secret.pdf", [PAGE_1], owner_password="own", user_password="pw")
    err = load_error(path, tmp_path)
    assert err.reason == "encrypted PDF: a password is needed"


def test_encrypted_pdf_with_empty_user_password_loads(tmp_path):
    path = text_pdf(tmp_path / "open.pdf", [PAGE_3], owner_password="owner-only")
    assert b"/Encrypt" in path.read_bytes()
    doc = loaders.load(path, tmp_path)
    assert flat(doc.pages[0].text) == PAGE_3


def test_truncated_pdf(tmp_path):
    good = text_pdf(tmp_path / "good.pdf", [PAGE_1, PAGE_2])
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(good.read_bytes()[:300])
    assert load_error(bad, tmp_path).reason.startswith("not a readable PDF: ")


def test_garbage_named_pdf(tmp_path):
    bad = tmp_path / "garbage.pdf"
    bad.write_bytes(b"this is not a pdf at all, just some words\n" * 20)
    assert load_error(bad, tmp_path).reason.startswith("not a readable PDF: ")


def test_image_only_pdf_needs_ocr(tmp_path):
    path = image_only_pdf(tmp_path / "scan.pdf")
    reason = load_error(path, tmp_path).reason
    assert reason == "PDF has no text layer (scanned image?): it needs OCR"


# ---------------------------------------------------------------------------- HTML
HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Đô thị thông minh | Báo Mẫu</title>
<style>body { color: red }</style><script>var tracking = "Quảng cáo";</script></head>
<body>
<header><a href="/">Trang chủ</a></header>
<nav class="main-menu"><ul><li>Thời sự</li><li>Kinh tế</li></ul></nav>
<div id="cookie-banner">Chúng tôi dùng cookie &amp; dữ liệu.</div>
<article>
  <h1>Phát triển đô thị thông minh</h1>
  <p>Ngày 27-9-2019, UBND TP.HCM ban hành Quyết định 6179/QĐ-UBND &ndash; kế hoạch
  <b>chuyển đổi số</b>.</p>
  <h2>Mục tiêu</h2>
  <ul><li>Chính quyền số</li><li>Kinh tế số</li></ul>
  <div class="share-buttons">Chia sẻ Facebook</div>
  <div class="comments">Bình luận của bạn</div>
</article>
<aside>Tin liên quan</aside>
<footer>© Báo Mẫu</footer>
<noscript>Bật JavaScript</noscript>
</body></html>"""


def test_html_main_text_only(tmp_path):
    path = tmp_path / "news" / "bai.html"
    path.parent.mkdir()
    path.write_text(HTML, encoding="utf-8")
    doc = loaders.load(path, tmp_path)
    assert doc.source == "news/bai.html"
    assert doc.format == "html"
    assert doc.title == "Đô thị thông minh | Báo Mẫu"
    assert doc.text == (
        "# Phát triển đô thị thông minh\n\n"
        "Ngày 27-9-2019, UBND TP.HCM ban hành Quyết định 6179/QĐ-UBND – kế hoạch chuyển đổi số.\n\n"
        "## Mục tiêu\n\n"
        "- Chính quyền số\n- Kinh tế số"
    )
    assert doc.date == "2019-09-27"
    assert doc.doc_number == "6179/QĐ-UBND"


def test_html_without_article_uses_body_and_honours_charset(tmp_path):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><div class='sidebar'>Menu</div><h1>Café smart city</h1>"
        "<p>Résumé of the plan, approved on August 1, 2018.</p></body></html>"
    )
    path = tmp_path / "en.htm"
    path.write_bytes(html.encode("cp1252"))
    doc = loaders.load(path, tmp_path)
    assert doc.text == "# Café smart city\n\nRésumé of the plan, approved on August 1, 2018."
    assert doc.title == "Café smart city"
    assert doc.language == "en"
    assert doc.date == "2018-08-01"
    assert "encoding:windows-1252" in doc.flags


# ---------------------------------------------------------------------------- Markdown, TXT
MARKDOWN = """---
title: Front matter title
tags: [a, b]
---
<!-- draft note -->
# Nghị quyết 52-NQ/TW

Nghị quyết **52-NQ/TW** ngày 27/9/2019 về *chủ động tham gia* cuộc
cách mạng công nghiệp lần thứ tư, xem [toàn văn](https://example.org/52) và `mã`.

![ảnh minh họa](img/anh.png)

## Bảng

| Năm | Mục tiêu |
|-----|----------|
| 2025 | 3 đô thị |
"""


def test_markdown(tmp_path):
    path = tmp_path / "nq52.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = loaders.load(path, tmp_path)
    assert doc.format == "md"
    assert doc.title == "Nghị quyết 52-NQ/TW"
    assert doc.text == (
        "# Nghị quyết 52-NQ/TW\n\n"
        "Nghị quyết 52-NQ/TW ngày 27/9/2019 về chủ động tham gia cuộc cách mạng công nghiệp lần "
        "thứ tư, xem toàn văn và mã.\n\n"
        "## Bảng\n\n"
        "| Năm | Mục tiêu |\n| 2025 | 3 đô thị |"
    )
    assert doc.doc_number == "52-NQ/TW"
    assert doc.date == "2019-09-27"


def test_txt_title_language_and_utf16(tmp_path):
    body = "Kế hoạch 829/QĐ-BTTTT\n\nBộ TT&TT ban hành ngày 31 tháng 5 năm 2019 bộ chỉ số."
    path = tmp_path / "kh.txt"
    path.write_bytes(body.encode("utf-16"))
    doc = loaders.load(path, tmp_path)
    assert doc.pages[0].text == body
    assert doc.pages[0].number is None
    assert doc.title == "Kế hoạch 829/QĐ-BTTTT"
    assert doc.flags == ("encoding:utf-16",)
    assert doc.date == "2019-05-31"
    assert doc.doc_number == "829/QĐ-BTTTT"


def test_txt_title_trimmed_and_stem_fallback(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("đô thị " * 100, encoding="utf-8")
    assert len(loaders.load(path, tmp_path).title) <= 200
    path = tmp_path / "page.md"
    path.write_text("Không có tiêu đề ở đây.", encoding="utf-8")
    assert loaders.load(path, tmp_path).title == "page"


@pytest.mark.parametrize(
    "dateline",
    ["Thứ tư 27/11/2024 21:41", "Chủ nhật, 27/11/2024 - 08:15 (GMT+7)", "Wednesday, 27/11/2024"],
)
def test_txt_title_skips_a_scraped_dateline(tmp_path, dateline):
    path = tmp_path / "bai-bao.txt"
    text = f"{dateline}\n\nTìm kiếm giải pháp đô thị thông minh\n\nNgày 10/11, hội thảo diễn ra."
    path.write_text(text, encoding="utf-8")
    doc = loaders.load(path, tmp_path)
    assert doc.title == "Tìm kiếm giải pháp đô thị thông minh"
    assert doc.date == "2024-11-27"
    path.write_text("27/11/2024 Hội nghị đô thị thông minh khai mạc.", encoding="utf-8")
    assert loaders.load(path, tmp_path).title == "27/11/2024 Hội nghị đô thị thông minh khai mạc."


def test_txt_title_joins_a_wrapped_photo_caption_without_its_credit(tmp_path):
    path = tmp_path / "bai-bao.txt"
    caption = (
        "Ông Nguyễn Văn A, Vụ trưởng (Bộ TT&TT) chia sẻ\n"
        "về đô thị thông minh tại Việt Nam. Ảnh: Trọng Đạt\n\nĐây là phần thân bài."
    )
    path.write_text(caption, encoding="utf-8")
    doc = loaders.load(path, tmp_path)
    assert doc.title == (
        "Ông Nguyễn Văn A, Vụ trưởng (Bộ TT&TT) chia sẻ về đô thị thông minh tại Việt Nam."
    )
    assert "Ảnh: Trọng Đạt" in doc.text  # the credit is cut from the title only
    path.write_text("Đô thị thông minh\n\nnội dung bắt đầu bằng chữ thường.", encoding="utf-8")
    assert loaders.load(path, tmp_path).title == "Đô thị thông minh"  # a blank line ends it
    path.write_text("Hue-S and the IOC (Photo: VNA)\n\nBody.", encoding="utf-8")
    assert loaders.load(path, tmp_path).title == "Hue-S and the IOC"
    path.write_text("Đô thị thông minh - Bối cảnh: thách thức\n\nBody.", encoding="utf-8")
    assert loaders.load(path, tmp_path).title == "Đô thị thông minh - Bối cảnh: thách thức"


def test_shared_article_loads_as_given_root_file():
    corpus = CORPUS
    if not corpus.is_dir():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but the shared corpus is missing at {corpus}")
        pytest.skip(f"shared corpus not found at {corpus}")
    (path,) = corpus.glob("004_*.txt")
    doc = loaders.load(path, path)
    assert doc.source == path.name
    assert doc.flags == ("damaged_diacritics",)
    assert doc.date == "2021-11-02"
    assert doc.language == "vi"


# ---------------------------------------------------------------------------- failures
def test_binary_txt_and_empty_file(tmp_path):
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    assert load_error(binary, tmp_path).reason == "binary data, not text"
    assert "data.txt" in str(load_error(binary, tmp_path))
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    assert load_error(empty, tmp_path).reason == "empty file"
    blank = tmp_path / "blank.html"
    blank.write_text("<html><script>x()</script></html>", encoding="utf-8")
    assert load_error(blank, tmp_path).reason == "no text left after cleaning and repair"


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFile) as err:
        loaders.load(path, tmp_path)
    assert err.value.path == str(path)
    assert ".docx" in err.value.reason
    assert all(s in err.value.reason for s in loaders.SUPPORTED_SUFFIXES)


def test_over_max_bytes(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"do thi thong minh " * 92_500)  # 1.6 MB
    reason = load_error(path, tmp_path, max_bytes=1024 * 1024).reason
    assert reason == "file is 1.6 MB, over the 1 MB limit (SCQA_MAX_FILE_MB)"


def test_symlink_outside_root_rejected(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Bí mật ngoài thư mục.", encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    link = root / "link.txt"
    link.symlink_to(outside)
    assert load_error(link, root).reason == "symlink points outside the ingested root"
    inside = root / "real.txt"
    inside.write_text("Đô thị thông minh.", encoding="utf-8")
    (root / "alias.txt").symlink_to(inside)
    assert loaders.load(root / "alias.txt", root).source == "alias.txt"


# ---------------------------------------------------------------------------- dates, numbers
@pytest.mark.parametrize(
    ("s", "iso"),
    [
        ("ban hành 1/8/2018", "2018-08-01"),
        ("ban hành 01/08/2018.", "2018-08-01"),
        ("ngày 1 tháng 8 năm 2018", "2018-08-01"),
        ("Ngày 27-9-2019", "2019-09-27"),
        ("on 2018-08-01", "2018-08-01"),
        ("approved August 1, 2018", "2018-08-01"),
        ("approved on 1 August 2018", "2018-08-01"),
        ("ngày 1.8.2018", "2018-08-01"),
        ("Sept. 3rd, 2021", "2021-09-03"),
    ],
)
def test_find_dates_formats(s, iso):
    assert loaders.find_dates(s) == [iso]


def test_find_dates_validates_and_orders():
    s = "Số 18/2023/NĐ-CP; 31/2/2020 sai; 6/11/2021; 29/2/2020; ngày 13/9 không có năm."
    assert loaders.find_dates(s) == ["2021-11-06", "2020-02-29"]
    assert loaders.find_dates("không có ngày tháng") == []


@pytest.mark.parametrize(
    ("s", "number"),
    [
        ("Quyết định 950/QĐ-TTg ngày 1/8/2018", "950/QĐ-TTg"),
        ("Nghị quyết số 52-NQ/TW của Bộ Chính trị", "52-NQ/TW"),
        ("Quyết định 749/QĐ-TTg về chuyển đổi số", "749/QĐ-TTg"),
        ("theo Quyết định 6179/QĐ-UBND", "6179/QĐ-UBND"),
        ("Quyết định 829/QĐ-BTTTT năm 2019", "829/QĐ-BTTTT"),
        ("Nghị định 18/2023/NĐ-CP", "18/2023/NĐ-CP"),
        ("Decision No. 950/QD-TTg of 2018", "950/QD-TTg"),
    ],
)
def test_find_doc_numbers(s, number):
    assert loaders.find_doc_numbers(s) == [number]


def test_find_doc_numbers_ignores_dates_and_ranges():
    assert loaders.find_doc_numbers("giai đoạn 2018-2025, ngày 1/8/2018, 60-80 %, TT&TT") == []
