"""The app's small parts without a browser: upload names, SCQA_AUTH, labels, the sources panel,
error translation, and the app built over a real store."""

from __future__ import annotations

import gradio as gr
import pytest

from scqa import Assistant, InvalidRequest, StoreNotFound
from scqa.auth import check_bind, is_loopback, parse_auth
from scqa.types import Answer, Chunk, Citation, Hit
from scqa.ui import build_app, friendly_errors
from scqa.ui_components import (
    chat_message,
    copy_uploads,
    highlight,
    remove_upload,
    safe_name,
    search_filters,
    sources_html,
)
from scqa.ui_i18n import LABELS, STATUS_WORDS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        ("/abs/path/Quyết định 950.pdf", "Quyết định 950.pdf"),
        ("Đề án (bản 2).txt", "Đề án (bản 2).txt"),
        ("..", "upload"),
        ("", "upload"),
        ("a\x00b;rm -rf $HOME.txt", "a_b_rm -rf _HOME.txt"),
        ("x..txt", "x.txt"),
        (".hidden.md", "hidden.md"),
        ("Quye\u0302\u0301t.txt", "Quyết.txt"),  # NFD in, NFC out
    ],
)
def test_safe_name_keeps_vietnamese_and_drops_paths(raw, expected):
    assert safe_name(raw) == expected


def test_safe_name_bounds_the_length_and_keeps_the_extension():
    name = safe_name("ă" * 300 + ".html")
    assert len(name) == 120
    assert name.endswith(".html")


def test_copy_uploads_refuses_large_files_and_stays_inside(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    small, big = src / "nhỏ.txt", src / "lớn.txt"
    small.write_text("Đề án 950", encoding="utf-8")
    big.write_bytes(b"x" * 2048)
    dest = tmp_path / "store" / "uploads"
    copied, refused = copy_uploads([str(small), str(big)], dest, max_bytes=1024)
    assert copied == [dest / "nhỏ.txt"]
    assert refused == [("lớn.txt", "too_large")]
    assert sorted(p.name for p in dest.iterdir()) == ["nhỏ.txt"]


def test_parse_auth_pairs_and_file(tmp_path):
    assert parse_auth("") == []
    assert parse_auth("ana:s3cret, binh:p:w") == [("ana", "s3cret"), ("binh", "p:w")]
    f = tmp_path / "users"
    f.write_text("# analysts\nana:one\n\nbinh:two\n", encoding="utf-8")
    assert parse_auth(str(f)) == [("ana", "one"), ("binh", "two")]


@pytest.mark.parametrize("spec", ["ana:", ":pw", "ana:pw,bob", "/no/such/file"])
def test_parse_auth_rejects_bad_entries(spec):
    with pytest.raises(InvalidRequest):
        parse_auth(spec)


def test_non_loopback_needs_auth():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    check_bind("127.0.0.1", [])
    check_bind("0.0.0.0", [("ana", "pw")])
    with pytest.raises(InvalidRequest, match="without authentication"):
        check_bind("0.0.0.0", [])


def test_label_tables_cover_both_languages():
    assert LABELS["vi"].keys() == LABELS["en"].keys()
    assert STATUS_WORDS["vi"].keys() == STATUS_WORDS["en"].keys()
    assert all(v.strip() for table in LABELS.values() for v in table.values())


def _answer(abstained: bool) -> Answer:
    chunk = Chunk(
        id="c1",
        text="Mở đầu. Đề án 950 được phê duyệt\nngày 1/8/2018. <b>Hết</b>.",
        source="de-an-950.txt",
        title="Đề án 950",
        language="vi",
        index=0,
        page=2,
    )
    hit = Hit(chunk=chunk, score=0.81)
    cite = Citation(
        1, "de-an-950.txt", "Đề án 950", 2, "c1", 0.81, "Đề án 950 được phê duyệt ngày 1/8/2018."
    )
    return Answer(
        question="q",
        text="Theo các tài liệu: ... [1]",
        language="vi",
        abstained=abstained,
        citations=[] if abstained else [cite],
        retrieved=[hit],
        timings_ms={"total": 1234.0},
        backend="extractive",
    )


def test_the_footer_shows_the_query_searched_with_its_diacritics_restored():
    answer = _answer(False)
    assert "Searched with diacritics" not in chat_message(answer, "en")
    answer.restored_query = "đề án 950 được <b>phê duyệt</b> ngày nào"
    assert "đề án 950 được &lt;b&gt;phê duyệt&lt;/b&gt; ngày nào" in chat_message(answer, "en")
    assert "Searched with diacritics as:" in chat_message(answer, "en")
    assert "Tìm kiếm có dấu:" in chat_message(answer, "vi")


def test_an_abstention_shows_why_under_the_refusal():
    answer = _answer(True)
    assert "scqa-why" not in chat_message(answer, "vi")  # no reason recorded, none shown
    answer.abstain_reason, answer.abstain_detail = "missing_terms", "<Cần Thơ>"
    answer.why = "Không đoạn nào tìm được nhắc đến: <Cần Thơ>."  # as the assistant says it
    html = chat_message(answer, "en")
    why = '<span class="scqa-why">Không đoạn nào tìm được nhắc đến: &lt;Cần Thơ&gt;.</span>'
    assert why in html  # in the answer's language, as the refusal above it, and escaped
    assert html.index("scqa-abstain-msg") < html.index(why) < html.index("scqa-answered-by")
    assert "scqa-why" not in chat_message(_answer(False), "en")
    # the sources panel says it in the interface's language
    panel = sources_html(answer, "en")
    assert "No passage found mentions: &lt;Cần Thơ&gt;. Closest passages:" in panel
    assert "Không đoạn nào tìm được nhắc đến: &lt;Cần Thơ&gt;. Các đoạn gần nhất:" in sources_html(
        answer, "vi"
    )


def test_highlight_marks_the_quote_inside_its_chunk_and_escapes_html():
    out = highlight(
        "Mở đầu. Đề án 950 được phê duyệt\nngày 1/8/2018. <b>Hết</b>.", "được phê duyệt ngày"
    )
    assert (
        out
        == "Mở đầu. Đề án 950 <mark>được phê duyệt\nngày</mark> 1/8/2018. &lt;b&gt;Hết&lt;/b&gt;."
    )


def test_sources_panel_answer_and_abstention():
    html = sources_html(_answer(False), "en")
    assert '<span class="scqa-n">[1]</span>Đề án 950' in html
    assert "de-an-950.txt · p. 2 · score 0.810" in html
    assert "<mark>Đề án 950 được phê duyệt\nngày 1/8/2018.</mark>" in html
    assert "scqa-abstain" not in html
    assert "Answered by: extractive · 1.2 s" in html
    abstained = sources_html(_answer(True), "vi")
    assert "Không tìm thấy câu trả lời" in abstained
    assert "scqa-n" not in abstained  # closest passages carry no [n]: nothing was cited
    assert sources_html(None, "en") == (
        '<div class="scqa-empty">The cited passages will appear here.</div>'
    )


def test_errors_become_short_messages():
    with pytest.raises(gr.Error) as err, friendly_errors("en"):
        raise InvalidRequest("k=99 must be between 1 and 50 (SCQA_MAX_K)\nsecond line")
    assert err.value.message == "k=99 must be between 1 and 50 (SCQA_MAX_K)"
    with pytest.raises(gr.Error) as err, friendly_errors("vi"):
        raise StoreNotFound("no store at /x")
    assert err.value.message == LABELS["vi"]["empty_store"]
    with pytest.raises(ValueError), friendly_errors():  # not ours: left to Gradio's "Error"
        raise ValueError("internal detail")


def test_app_builds_over_an_empty_store_with_the_api_endpoints(tmp_path):
    demo = build_app(Assistant(store=tmp_path / "store"))
    names = {d.api_name for d in demo.fns.values() if d.api_visibility == "public"}
    assert names == {"ask", "ingest"}


def test_search_filters_from_the_settings_widgets():
    assert search_filters(["a.txt"], "any", " ", "2019-12-31") == {
        "sources": ["a.txt"],
        "language": None,
        "date_from": None,
        "date_to": "2019-12-31",
    }
    assert search_filters(None, "en", "2018-01-01", "")["language"] == "en"


def test_deleting_a_document_removes_its_uploaded_copy_only(tmp_path):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "Đà Nẵng thông minh.txt").write_text("x", encoding="utf-8")
    outside = tmp_path / "keep.txt"
    outside.write_text("y", encoding="utf-8")
    assert remove_upload(uploads, "Đà Nẵng thông minh.txt")
    assert not (uploads / "Đà Nẵng thông minh.txt").exists()
    assert not remove_upload(uploads, "../keep.txt") and outside.exists()
    assert not remove_upload(uploads, "never-uploaded.txt")
