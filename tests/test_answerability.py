"""Near misses: on-topic passages that lack the asked-for fact must lead to an abstention."""

from __future__ import annotations

import pytest

from scqa import Assistant
from scqa.answerability import expected_type, has_type, required_terms


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Đề án 950 được phê duyệt ngày nào?", "day"),
        ("de an 950 duoc phe duyet ngay nao", "day"),
        ("When was Decision 950 approved?", "date"),
        ("Nghị quyết 52 được ban hành năm nào?", "year"),
        ("Tổng kinh phí thực hiện Đề án 950 là bao nhiêu tỷ đồng?", "amount"),
        ("What is the total investment in the Hue-S platform?", "amount"),
        ("Hội nghị có bao nhiêu điểm cầu?", "number"),
        ("How many connection points did the summit have?", "number"),
        ("Trung tâm VKC là gì?", None),
        ("Which Korean agency funded the project?", None),
    ],
)
def test_expected_answer_type(question, kind):
    assert expected_type(question) == kind


def test_evidence_types():
    assert has_type("Quyết định số 950/QĐ-TTg ngày 1/8/2018.", "date")
    assert has_type("approved on 1 August 2018", "date")
    assert not has_type("Bộ Xây dựng chủ trì thực hiện đề án.", "date")
    assert has_type("với tổng vốn 13 triệu USD", "amount")
    assert not has_type("Đề án không nêu tổng kinh phí.", "amount")
    assert has_type("70 điểm cầu", "number")
    assert not has_type("Ngày 13/9 tại Hà Nội, hội nghị năm 2023 khai mạc.", "number")
    assert not has_type("Industry 4.0 khai mạc.", "number", "How many attended Industry 4.0?")
    assert has_type("ngày 1/8/2018", "day") and not has_type("năm 2018", "day")
    assert has_type("in 2018", "date")


def test_required_terms():
    assert required_terms("Đề án của Cần Thơ được phê duyệt năm nào?", "vi", "vi") == ["Cần Thơ"]
    assert required_terms("What does Decision No. 905/QĐ-TTg say?", "en", "vi") == ["905/QĐ-TTg"]
    assert required_terms("Which agency funded Thua Thien Hue?", "en", "vi") == []
    assert required_terms("Học viện AMC tổ chức hội nghị với ai?", "vi", "vi") == ["AMC"]


@pytest.mark.parametrize(
    "question",
    [
        "Đề án thành phố thông minh của Cần Thơ được phê duyệt năm nào?",
        "What does Decision No. 905/QĐ-TTg say about smart cities?",
        "Tổng kinh phí thực hiện Đề án 950 là bao nhiêu tỷ đồng?",
    ],
)
def test_near_misses_abstain(built_store, question):
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    assert answer.abstained, answer.text
    assert not answer.citations


def test_a_typed_question_gets_a_sentence_of_its_type(built_store):
    with Assistant(store=built_store) as a:
        answer = a.ask("Nghị quyết 52-NQ/TW được Bộ Chính trị ban hành ngày nào?")
    assert not answer.abstained
    assert "27/9/2019" in answer.text or "27 September 2019" in answer.text


def test_who_question_quotes_a_person(built_store):
    with Assistant(store=built_store) as a:
        answer = a.ask(
            "Chủ tịch VINASA tham dự Hội nghị cấp cao Thành phố thông minh Việt Nam - ASOCIO 2021 "
            "là ai?"
        )
    assert not answer.abstained
    assert "Nguyễn Văn Khoa" in answer.text


def test_a_sentence_introducing_a_list_is_quoted_with_its_items(built_store):
    with Assistant(store=built_store) as a:
        answer = a.ask(
            "Chương trình Chuyển đổi số quốc gia xác định những lĩnh vực nào được ưu tiên "
            "chuyển đổi số trước?"
        )
    assert not answer.abstained
    for sector in ("Y tế", "Giáo dục", "Nông nghiệp"):
        assert sector in answer.text
    assert len(answer.text) < 600


def test_a_named_article_is_preferred(built_store):
    with Assistant(store=built_store) as a:
        answer = a.ask(
            "Theo bản tóm tắt Đề án 950, Điều 4 chia việc thực hiện thành những giai đoạn nào?"
        )
    assert "Giai đoạn đến năm 2020" in answer.text


def test_follow_ups_carry_the_topic_and_new_questions_change_it():
    from scqa.followup import standalone_query

    assert standalone_query("What is Hue-S?", ["Đề án 950 là gì?"], "en") == "What is Hue-S?"
    carried = standalone_query(
        "Văn kiện của dự án đó được phê duyệt bằng quyết định số mấy?", ["Dự án VKC là gì?"], "vi"
    )
    assert "VKC" in carried
    assert "Hue-S" in standalone_query(
        "When did the province open its operation centre?", ["What is Hue-S?"], "en"
    )
    assert "950" in standalone_query("Ai phê duyệt?", ["Đề án 950 được phê duyệt ngày nào?"], "vi")
