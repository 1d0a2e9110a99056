"""Restoring the diacritics of a Vietnamese query typed without them: the bigram model on its own,
then inside the keyword index (kept in step with ingest and delete, persisted, rebuilt from an
index of the old format) and in `ask`."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from scqa import Assistant
from scqa.config import Settings
from scqa.diacritics import BREAK, Restorer, marks_missing, syllables
from scqa.keyword import FORMAT

TEXTS = (
    "Việt Nam đẩy mạnh phát triển đô thị thông minh. Việt Nam có nhiều đề án.",
    "Đề án 950 được phê duyệt ngày 1/8/2018 và do Bộ Xây dựng chủ trì.",
    "Trung tâm điều hành của Huế mở cửa năm 2018; dữ liệu được chia sẻ.",
    "Dự án dùng dữ liệu mở, dữ liệu lớn và dữ liệu giao thông.",
)


def restorer(texts=TEXTS) -> Restorer:
    r = Restorer()
    for t in texts:
        r.add(syllables(t))
    return r


def test_syllables_break_at_numbers_and_punctuation():
    assert syllables("Đề án 950 được phê duyệt, ngày 1/8") == [
        "đề", "án", BREAK, "được", "phê", "duyệt", BREAK, "ngày",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "typed, restored",
    [
        ("de an 950 duoc phe duyet ngay nao", "đề án 950 được phê duyệt ngày nào"),
        # context decides: "du an" is "dự án" though "dữ" (dữ liệu) is the commoner syllable
        ("du an dung du lieu gi", "dự án dùng dữ liệu gì"),
        # "Viet Nam" after "Việt", "nam nao" a question phrase: "năm nào"
        ("Viet Nam co bao nhieu de an", "Việt Nam có bao nhiêu đề án"),
        ("trung tam cua Hue mo cua nam nao", "trung tâm của Huế mở cửa năm nào"),
        # casing kept; numbers, codes and punctuation kept as typed; unseen syllables kept
        ("HUE, TT&TT 4.0: xyzzy bo xay dung?", "HUẾ, TT&TT 4.0: xyzzy bộ xây dựng?"),
    ],
)
def test_restore_from_the_corpus_counts(typed, restored):
    assert restorer().restore(typed) == restored


def test_question_words_that_articles_write_as_figures_are_restored():
    # articles write "20%" and "thứ 86"; "trạm" (station) is the corpus's "tram"
    r = restorer([*TEXTS, "Đà Nẵng có trạm quan trắc; trạm dữ liệu giao thông."])
    assert (
        r.restore("de an co bao nhieu phan tram du lieu") == "đề án có bao nhiêu phần trăm dữ liệu"
    )
    assert (
        r.restore("tong cong co bao nhieu tram quan trac")
        == "tổng cộng có bao nhiêu trạm quan trắc"
    )
    # what a question asks of a prize or a person, seldom in the articles' own words
    r = restorer([*TEXTS, "Ông là đại sứ. Ông đặt mục tiêu; Tùng phát biểu về giải pháp."])
    assert r.restore("ong tung dat giai thuong nao") == "ông từng đạt giải thưởng nào"
    assert r.restore("nhiem ky dai su") == "nhiệm kỳ đại sứ"


@pytest.mark.parametrize(
    "query, missing",
    [
        ("de an 950 duoc phe duyet ngay nao", True),
        ("Đề an 950 duoc phe duyet ngay nào", True),  # most words bare: typed in a hurry
        ("Đề án 950 được phê duyệt ngày nào?", False),
        ("Thời tiết Hà Nội ngày mai thế nào?", False),  # "mai" is bare, and right
        ("Khu công viên phần mềm CNTT do nhà đầu tư Hàn Quốc đầu tư", False),
        ("KOICA ODA ASEAN", False),  # acronyms say nothing
        ("", False),
    ],
)
def test_marks_missing(query, missing):
    assert marks_missing(query) is missing


def test_words_typed_with_marks_stay_and_give_context():
    assert (
        restorer().restore("Đề an 950 duoc phe duyet ngay nào")
        == "Đề án 950 được phê duyệt ngày nào"
    )
    # "dữ" is kept though the corpus would read "du an" as "dự án"
    assert restorer().restore("dữ an") == "dữ án"


def test_without_the_corpus_nothing_is_guessed():
    assert Restorer().restore("de an do thi thong minh") == "de an do thi thong minh"
    # the seeds know the question words, but a query mostly unknown is left whole
    assert Restorer().restore("ha tang so cua tinh la gi") == "ha tang so cua tinh la gi"
    assert restorer().restore("de an xyzzy la gi") == "đề án xyzzy là gì"


def test_uncounting_a_text_returns_to_the_state_before_it():
    fresh, r = Restorer(), restorer()
    for t in TEXTS:
        r.add(syllables(t), -1)
    assert (r.counts, r.bigrams, r.starts, r.total) == (
        fresh.counts,
        fresh.bigrams,
        fresh.starts,
        fresh.total,
    )
    assert {f: m for f, m in r.forms.items() if m} == {f: m for f, m in fresh.forms.items() if m}
    assert r.restore("de an") == "de an"


@pytest.fixture
def store(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n, t in enumerate(TEXTS):
        (docs / f"doc{n}.txt").write_text(t, encoding="utf-8")
    (docs / "hoi-an.txt").write_text("Hội An là đô thị cổ. Hội An đón khách.", encoding="utf-8")
    with Assistant(store=tmp_path / "store") as a:
        assert a.ingest([docs]).ok
    return tmp_path / "store"


def test_the_index_restores_from_what_is_ingested_and_forgets_what_is_deleted(store, tmp_path):
    with Assistant(store=store) as a:
        assert a.keyword_index.restore("hoi an la gi") == "hội an là gì"
        a.delete("hoi-an.txt")
        assert a.keyword_index.restore("hoi") == "hoi"
        more = tmp_path / "more"
        more.mkdir()
        (more / "hoi-nghi.txt").write_text("Hội nghị về đô thị thông minh.", encoding="utf-8")
        assert a.ingest([more]).ok
        assert a.keyword_index.restore("hoi nghi") == "hội nghị"


def test_the_syllables_are_persisted_and_an_old_format_index_is_rebuilt(store):
    path = store / "keyword" / "index.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["format"] == FORMAT
    with Assistant(store=store) as a:
        assert a.keyword_index.rebuilt == 0
        assert a.keyword_index.restore("hoi an") == "hội an"
    raw["format"] = FORMAT - 1
    raw["docs"] = {cid: d[:5] for cid, d in raw["docs"].items()}  # as format 1 stored them
    path.write_text(json.dumps(raw), encoding="utf-8")
    with Assistant(store=store) as a:
        assert a.keyword_index.rebuilt == len(TEXTS) + 1
        assert a.keyword_index.restore("hoi an") == "hội an"
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == FORMAT


def test_ask_searches_with_the_marks_restored_unless_switched_off(store):
    with Assistant(store=store) as a:
        answer = a.ask("de an 950 duoc phe duyet ngay nao")
        assert answer.restored_query == "đề án 950 được phê duyệt ngày nào"
        assert answer.to_dict()["restored_query"] == answer.restored_query
        assert Path(answer.retrieved[0].chunk.source).name == "doc1.txt"
        assert "bm25" in answer.retrieved[0].scores  # the exact-word field is met
        half = a.ask("Đề an 950 duoc phe duyet ngay nào")
        assert half.restored_query == "Đề án 950 được phê duyệt ngày nào"
        assert a.ask("Đề án 950 được phê duyệt ngày nào?").restored_query is None
        assert a.ask("When was Scheme 950 approved?").restored_query is None
    off = dataclasses.replace(Settings.from_env(store=store), restore_diacritics=False)
    with Assistant(settings=off) as a:
        answer = a.ask("de an 950 duoc phe duyet ngay nao")
        assert answer.restored_query is None
        assert "bm25" not in answer.retrieved[0].scores
