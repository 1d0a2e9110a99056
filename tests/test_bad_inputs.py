"""Bad inputs: every broken file is named with its own reason, every good file goes in, a second
ingest of the same batch changes nothing, and `scqa ingest` exits 1 when something failed.

All files are made here (real PDFs through fpdf2 and pypdf, real encodings, a real 50 MB file, a
real symlink); the store is a real embedded Chroma in tmp_path and the embedder the bundled e5.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from pdfs import image_only_pdf, text_pdf
from scqa import Assistant
from scqa.ingestion import ingest
from scqa.legacy_encodings import TCVN3_ENCODE

SCQA = [sys.executable, "-m", "scqa"]

VI_950 = (
    "Quyết định số 950/QĐ-TTg ngày 1 tháng 8 năm 2018 phê duyệt Đề án phát triển đô thị thông "
    "minh bền vững Việt Nam giai đoạn 2018 - 2025 và định hướng đến năm 2030."
)
VI_1258 = (
    "Nghị quyết 52-NQ/TW ngày 27 tháng 9 năm 2019 về chủ trương, chính sách chủ động tham gia "
    "cuộc Cách mạng công nghiệp lần thứ tư của Bộ Chính trị."
)
VI_TCVN3 = (
    "Thành phố Huế triển khai Trung tâm giám sát, điều hành đô thị thông minh và nền tảng "
    "Hue-S để người dân phản ánh hiện trường."
)
VI_UTF16 = (
    "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030 được phê "
    "duyệt theo Quyết định số 749/QĐ-TTg ngày 3 tháng 6 năm 2020."
)
EN_PDF = (
    "The smart city handbook explains that an intelligent operations centre gathers data "
    "from traffic cameras, flood sensors and public service portals."
)
CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # cp1258 keeps tones apart
MB = 1024 * 1024


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letter, then a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = [m for m in parts if m in CP1258_TONES]
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in CP1258_TONES))
        out += base.encode("cp1258") + "".join(tones).encode("cp1258")
    return bytes(out)


def encrypted_copy(src: Path, dst: Path, user_password: str) -> Path:
    """Encrypt a real PDF with pypdf's PdfWriter.encrypt (AES-128)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with dst.open("wb") as f:
        writer.write(f)
    return dst


def write_big_text(path: Path, size: int) -> Path:
    line = ("Dòng văn bản thử nghiệm về đô thị thông minh. " * 4 + "\n").encode("utf-8")
    with path.open("wb") as f:
        written = 0
        while written < size:
            f.write(line * 1000)
            written += len(line) * 1000
    return path


GOOD = {  # file name → a sentence that must come out of it, NFC
    "Quyết định 950 tóm tắt.txt": VI_950,
    "nghị quyết 52 (cp1258).txt": VI_1258,
    "huế tcvn3.txt": VI_TCVN3,
    "chuyển đổi số utf16.txt": VI_UTF16,
    "sổ tay đô thị.pdf": EN_PDF,
    "mở bằng mật khẩu rỗng.pdf": VI_950.replace("Đề án", "Đề án (bản PDF)"),
}
EXPECTED_FAILURES = {  # file name → words its reason must hold
    "corrupt.pdf": "not a readable PDF",
    "locked.pdf": "encrypted PDF: a password is needed",
    "scanned.pdf": "no text layer (scanned image?): it needs OCR",
    "empty.txt": "empty file",
    "binary.txt": "binary data, not text",
    "big 50MB.txt": "over the 20 MB limit (SCQA_MAX_FILE_MB)",
    "link outside.txt": "symlink points outside the ingested root",
    "notes.docx": "unsupported format '.docx'",
}
DUPLICATE = "Bản sao Quyết định 950.txt"  # sorts before its twin, so it is the one indexed


@pytest.fixture
def batch(tmp_path) -> Path:
    root = tmp_path / "batch folder"
    root.mkdir()
    (root / "Quyết định 950 tóm tắt.txt").write_text(VI_950 + "\n", encoding="utf-8")
    (root / DUPLICATE).write_text(VI_950 + "\n", encoding="utf-8")
    (root / "nghị quyết 52 (cp1258).txt").write_bytes(cp1258_bytes(VI_1258))
    (root / "huế tcvn3.txt").write_bytes(
        "".join(TCVN3_ENCODE.get(c, c) for c in VI_TCVN3).encode("cp1252")
    )
    (root / "chuyển đổi số utf16.txt").write_bytes(VI_UTF16.encode("utf-16"))  # BOM first
    text_pdf(root / "sổ tay đô thị.pdf", [EN_PDF, "Page two: " + EN_PDF.lower()])
    plain = text_pdf(tmp_path / "plain.pdf", [GOOD["mở bằng mật khẩu rỗng.pdf"]])
    encrypted_copy(plain, root / "mở bằng mật khẩu rỗng.pdf", user_password="")
    encrypted_copy(plain, root / "locked.pdf", user_password="mật-khẩu-thật")
    image_only_pdf(root / "scanned.pdf")
    (root / "corrupt.pdf").write_bytes(plain.read_bytes()[:400])
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    write_big_text(root / "big 50MB.txt", 50 * MB)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Tài liệu nằm ngoài thư mục được nạp.\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", root / "link outside.txt")
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really a docx")
    return root


def snapshot(a: Assistant) -> dict:
    """Everything the store holds: chunk ids, texts and metadata, and the file records."""
    res = a.store._chunks.get(include=["documents", "metadatas"])
    chunks = sorted(zip(res["ids"], res["documents"], res["metadatas"], strict=True))
    records = [r.to_meta() for r in a.store.records()]
    return {"count": a.store.count(), "chunks": chunks, "records": records}


def test_every_bad_file_is_named_and_every_good_file_goes_in(batch, tmp_path):
    assert sorted(os.listdir(batch)) == sorted([*GOOD, DUPLICATE, *EXPECTED_FAILURES])
    with Assistant(store=tmp_path / "s") as a:
        report = a.ingest([batch])
        by_source = {f.source: f for f in report.files}
        assert len(report.files) == len(GOOD) + 1 + len(EXPECTED_FAILURES)
        failed = {f.source: f.reason for f in report.failed}
        assert set(failed) == set(EXPECTED_FAILURES)
        for name, words in EXPECTED_FAILURES.items():
            assert words in failed[name], (name, failed[name])
        assert failed["big 50MB.txt"].startswith("file is 50.0 MB")
        assert by_source[DUPLICATE].status == "added"
        twin = by_source["Quyết định 950 tóm tắt.txt"]
        assert (twin.status, twin.reason) == ("duplicate", f"same content as {DUPLICATE}")
        added = {f.source for f in report.files if f.status == "added"}
        assert added == (set(GOOD) - {"Quyết định 950 tóm tắt.txt"}) | {DUPLICATE}

        chunks = a.store.get_chunks()
        texts: dict[str, str] = {}
        for c in chunks:
            texts[c.source] = texts.get(c.source, "") + "\n" + c.text
        assert set(texts) == added
        for name, sentence in GOOD.items():
            source = DUPLICATE if name == "Quyết định 950 tóm tắt.txt" else name
            assert unicodedata.is_normalized("NFC", texts[source]), name
            assert " ".join(sentence.split()) in " ".join(texts[source].split()), name
        flags = {r.source: r.flags for r in a.store.records()}
        assert "encoding:cp1258" in flags["nghị quyết 52 (cp1258).txt"]
        assert "encoding:tcvn3" in flags["huế tcvn3.txt"]
        assert "encoding:utf-16" in flags["chuyển đổi số utf16.txt"]
        stats = a.stats()
        assert stats["documents"] == len(added)
        assert stats["chunks"] == stats["recorded_chunks"] == len(chunks)


def test_a_second_ingest_of_the_same_batch_leaves_the_store_identical(batch, tmp_path):
    with Assistant(store=tmp_path / "s") as a:
        first = a.ingest([batch])
        before = snapshot(a)
        embedded = a.embedder.texts_embedded
        second = a.ingest([batch])
        after = snapshot(a)
        assert a.embedder.texts_embedded == embedded  # no embedding work at all
    assert after == before
    assert before["count"] == len(before["chunks"]) == sum(r["chunks"] for r in before["records"])
    assert {f.source: f.status for f in second.files} == {
        f.source: ("unchanged" if f.status == "added" else f.status) for f in first.files
    }
    assert {f.source: f.reason for f in second.failed} == {f.source: f.reason for f in first.failed}


def test_the_50mb_file_is_refused_from_its_size_without_being_read(tmp_path):
    root = tmp_path / "big"
    root.mkdir()
    write_big_text(root / "huge.txt", 50 * MB)
    with Assistant(store=tmp_path / "s") as a:
        store = a.store
        tracemalloc.start()
        try:
            report = ingest([root], store, a.embedder, a.settings)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert [(f.source, f.status) for f in report.files] == [("huge.txt", "failed")]
    assert report.files[0].reason == ("file is 50.0 MB, over the 20 MB limit (SCQA_MAX_FILE_MB)")
    assert peak < 5 * MB, f"ingest allocated {peak / MB:.1f} MB for a file it must not read"


def test_the_size_limit_follows_scqa_max_file_mb(tmp_path, monkeypatch):
    root = tmp_path / "sized"
    root.mkdir()
    write_big_text(root / "two-mb.txt", 2 * MB)
    monkeypatch.setenv("SCQA_MAX_FILE_MB", "1")
    with Assistant(store=tmp_path / "s") as a:
        report = a.ingest([root])
    assert report.files[0].status == "failed"
    assert "over the 1 MB limit (SCQA_MAX_FILE_MB)" in report.files[0].reason


@pytest.mark.slow
def test_cli_ingest_names_each_failure_and_exits_1(batch, tmp_path):
    store = str(tmp_path / "cli-store")
    run = subprocess.run(
        [*SCQA, "ingest", str(batch), "--store", store, "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    failed = {f["source"]: f["reason"] for f in report["files"] if f["status"] == "failed"}
    assert set(failed) == set(EXPECTED_FAILURES)
    assert report["summary"]["added"] == len(GOOD)
    assert report["summary"]["duplicate"] == 1
    plain = subprocess.run(
        [*SCQA, "ingest", str(batch), "--store", store],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert plain.returncode == 1
    assert f"unchanged {len(GOOD)}" in plain.stdout and "failed 8" in plain.stdout
    for name, words in EXPECTED_FAILURES.items():
        assert f"failed: {name}: " in plain.stderr and words in plain.stderr


def test_request_limits_are_clear_errors_naming_their_setting(monkeypatch):
    from scqa import InvalidRequest

    monkeypatch.setenv("SCQA_MAX_QUESTION_CHARS", "50")
    monkeypatch.setenv("SCQA_MAX_HISTORY", "2")
    monkeypatch.setenv("SCQA_MAX_K", "8")
    a = Assistant()  # limits are checked before the store is opened
    with pytest.raises(InvalidRequest) as e:
        a.ask("Đề án 950 " * 10)
    assert (
        str(e.value) == "the question has 100 characters; the limit is 50 (SCQA_MAX_QUESTION_CHARS)"
    )
    with pytest.raises(InvalidRequest) as e:
        a.ask("Đề án 950?", history=["một", "hai", "ba"])
    assert str(e.value) == "3 history turns; the limit is 2 (SCQA_MAX_HISTORY)"
    for k in (0, 9):
        with pytest.raises(InvalidRequest) as e:
            a.ask("Đề án 950?", k=k)
        assert str(e.value) == f"k={k} must be between 1 and 8 (SCQA_MAX_K)"
    with pytest.raises(InvalidRequest, match="the question is empty"):
        a.ask("   ")
    monkeypatch.setenv("SCQA_K", "9")
    with pytest.raises(InvalidRequest, match=r"SCQA_K=9 must be between 1 and SCQA_MAX_K=8"):
        Assistant()
    assert not Path(os.environ["SCQA_STORE"]).exists()
