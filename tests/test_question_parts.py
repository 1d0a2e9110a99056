"""Questions that join several questions ("..., and from what date ...", "X và Y lần lượt ...")
are judged part by part: a sentence answering one part is an answer, not a miss of the other."""

from __future__ import annotations

from scqa import Assistant
from scqa.answer_types import has_type
from scqa.question_types import expected_type, question_parts

MERGED = (
    "From what date was Binh Duong province merged into Ho Chi Minh City, and from what date "
    "did Hue's status as a city directly under the central government take effect?"
)


def test_a_question_is_split_into_the_questions_it_joins():
    assert question_parts(MERGED) == [
        "From what date was Binh Duong province merged into Ho Chi Minh City",
        "from what date did Hue's status as a city directly under the central government take "
        "effect?",
    ]
    # "lần lượt" (respectively): each subject its own question
    respectively = "Thủ Đức ra đời và tuyến metro đón khách lần lượt vào ngày nào?"
    assert question_parts(respectively) == [
        "Thủ Đức ra đời",
        "tuyến metro đón khách lần lượt vào ngày nào?",
    ]
    assert question_parts("Dự án VKC là gì, và được phê duyệt khi nào?") == [
        "Dự án VKC là gì",
        "được phê duyệt khi nào?",
    ]
    # an opening clause, and the terms a follow-up carries over, are no question of their own
    according = "According to the ODA overview, what issues do provinces face?"
    assert question_parts(according) == [according]
    carried = "Which body coordinated that scheme? (Ho Chi Minh Decision 6179/QĐ-UBND 2017)"
    assert question_parts(carried) == [carried]
    assert question_parts("What is VKC and when was it approved?") == [
        "What is VKC",
        "when was it approved?",
    ]
    # names joined by "và / and" are one question
    single = "Bộ Xây dựng và Bộ TT&TT đã ban hành văn bản nào về đô thị thông minh?"
    assert question_parts(single) == [single]
    assert question_parts("Which ministries approved and issued the scheme?") == [
        "Which ministries approved and issued the scheme?"
    ]


def test_a_sentence_answering_one_part_holds_the_date_asked_for():
    took_effect = "The new status took effect on 1 January 2025."
    assert has_type(took_effect, "day", MERGED)
    # each part names its own event: the sentence needs one part's, not both
    respectively = "Thủ Đức được thành lập và tuyến metro bắt đầu đón khách lần lượt vào ngày nào?"
    assert has_type("The metro line opened to passengers on 22 December 2024.", "day", respectively)
    assert has_type("Thu Duc City was established on 1 January 2021.", "day", respectively)
    # ... but a date of another event than either part names is still no answer
    adopted = "On 30 November 2024 the National Assembly adopted Resolution No. 175/2024/QH15."
    assert not has_type(adopted, "day", MERGED)
    # one question naming two events still needs both
    both = "Dự án VKC được phê duyệt và hoàn thành năm nào?"
    assert question_parts(both) == [both]
    assert not has_type("Dự án được phê duyệt ngày 12/5/2022.", "date", both)
    assert has_type("Dự án được phê duyệt ngày 12/5/2022 và hoàn thành năm 2026.", "date", both)


def test_an_opening_speech_is_no_opening_event():
    question = (
        "In his opening speech at the workshop, Nguyễn Thành Phong said smart cities were written "
        "into Resolution 52-NQ/TW. What date does he give for that resolution?"
    )
    issued = "On 27 September 2019 the Politburo issued Resolution No. 52-NQ/TW."
    assert has_type(issued, "day", question)
    # an opening asked about still needs the opening
    opened = "When did the metro line open to passengers?"
    assert not has_type(issued, "day", opened)


def test_a_when_that_tells_what_usually_happens_asks_no_date():
    assert expected_type("What issues do provinces usually face when they want to use ODA?") is None
    assert expected_type("What do residents attach when they report a problem?") is None
    # one past event is still a time asked about
    assert expected_type("Which project did Da Nang propose when it joined the network?") == "date"
    assert expected_type("What did provinces do when they joined the network?") == "date"
    assert expected_type("When do they meet?") == "date"


def test_each_subject_of_a_respectively_question_is_answered_from_its_own_document(built_store):
    question = "Bình Dương và Đà Nẵng lần lượt hợp tác với đối tác nước ngoài nào?"
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    # a passage about either city is quoted: before, each had to name both and none did
    assert not answer.abstained, answer.abstain_reason
    assert "Eindhoven" in answer.text or "IBM" in answer.text


def test_an_event_in_a_quoted_name_is_not_the_event_asked_about():
    founded = "When was KOICA, the Korean aid agency, founded?"
    approval = (
        "Ngày 12/5/2022, Bộ trưởng Bộ Xây dựng ký quyết định phê duyệt Dự án “Thành lập Trung tâm "
        "hợp tác Việt Nam - Hàn Quốc về đô thị thông minh”."
    )
    assert not has_type(approval, "day", founded)
    assert has_type("KOICA was established on 1 April 1991.", "day", founded)
    # a quoted statement still says what it says
    said = 'Ông nói: "Trung tâm được thành lập ngày 1/4/2021 để hỗ trợ các địa phương."'
    assert has_type(said, "day", "Trung tâm được thành lập ngày nào?")
