"""Near misses: on-topic passages that lack the asked-for fact must lead to an abstention."""

from __future__ import annotations

import re

import pytest

from scqa import Assistant, glossary
from scqa.answer_types import has_type
from scqa.answerability import foreign_words, missing_terms, proper_names, required_terms
from scqa.constraints import constrained, defined_term, meets
from scqa.generation import WHY
from scqa.question_types import expected_type
from scqa.sentence_terms import scope_words, term_groups
from scqa.types import ABSTAIN_REASONS


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
        (
            "According to the ambassador, what share of Vietnam's people will live in cities?",
            "share",
        ),
        ("Thứ trưởng Trần Văn Tùng đã phát biểu những nội dung gì?", "statement"),
        ("What did he say France would do for Vietnam?", "statement"),
        ("Hội thảo được tổ chức tại thành phố nào?", "place"),
        ("Which cities were named as pilot cities?", "place"),
        ("Where was the IOC opened?", "place"),
        ("What was discussed at the forum where AMC spoke?", None),
        ("Nhà đầu tư của dự án là công ty nào?", "organisation"),
        ("Which technology company developed the app?", "organisation"),
        ("Chủ tịch VINASA là ai?", "person"),
        ("Lãnh đạo nào của Bộ Xây dựng đã phát biểu?", "person"),
        ("Which ADB official spoke at the workshop?", "person"),
        ("Bộ Xây dựng báo cáo Thủ tướng bao lâu một lần?", "frequency"),
        ("Kế hoạch được ban hành theo quyết định số mấy?", "docnumber"),
        ("Vì sao chương trình chọn tám lĩnh vực?", "reason"),
        ("Hội nghị được tổ chức tại khách sạn nào?", "venue"),
        ("Hội nghị có điểm cầu tại những tỉnh, thành nào?", "place"),
        ("Which Vietnamese city was selected for the pilot?", "place"),
        ("What did Nguyễn Phú Trọng say when he signed it?", "statement"),
        ("How does the app verify residents who submit reports?", None),
        ("Quyết định nào phê duyệt đề án của TP.HCM?", "docnumber"),
        # a resolution by its number or its title ("Nghị quyết Đại hội XIII"): see below
        ("Diễn đàn góp phần thực hiện nghị quyết nào của Đảng?", "docnumber"),
        ("Who supported the project besides ADB?", "who"),
        ("What shares of global emissions do cities account for?", "share"),
        ("den nam 2020 bao nhieu phan dan so se song o do thi", "share"),  # a fraction
        ("Bao nhiêu phần trăm hộ gia đình có cáp quang?", "share"),
        ("Trung tâm VKC là gì?", None),
        ("Which Korean agency funded the project?", None),
        ("Vì sao bài viết không nêu tổng vốn đầu tư của đề án?", "reason"),  # not an amount
        ("Tổng giá trị vốn ODA dành cho dự án là bao nhiêu?", "amount"),
        ("How large was the Japanese ODA loan for the metro line?", "amount"),
        ("Hội chợ được tổ chức vào tháng mấy?", "month"),
        ("In which month was the exhibition held?", "month"),
        ("nam 2020 viet nam xep thu may ve chinh phu dien tu", "rank"),
        ("What position did he hold at the forum?", None),  # a post, not a rank
        ("What is the name of the Prime Minister who signed it?", "person"),
        ("Which foreign experts gave the main reports?", "person"),
        ("Which decision approved the city's scheme?", "docnumber"),
        ("On which day of the summit was the session held?", "day"),
        ("Trung tâm đặt tại tòa nhà nào?", "venue"),
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
    # counting words that count nothing
    delegates = "How many delegates attended Industry 4.0?"
    assert not has_type("Diễn đàn Công nghiệp 4.0 lần thứ ba", "number", delegates)
    assert not has_type("do một số bộ, ngành tổ chức", "number", "How many delegates?")
    assert has_type("có ba báo cáo chính", "number", "How many reports?")
    # a share may be a fraction, which the number check would take for a date
    assert has_type("đến năm 2020 sẽ có 2/3 dân số sống tại đô thị", "share", "What share by 2020?")
    assert not has_type("Ngày 13/9/2023 tại Hà Nội", "share", "What share?")


def test_a_list_item_is_about_the_years_of_its_introduction():
    from scqa.answer_types import about_other_years

    question = "What 5G coverage target does the resolution set for 2025?"
    item = "- 5G mobile coverage across the whole country."
    assert about_other_years(item, question, "For 2030 the resolution raises the ambition:")
    assert not about_other_years(item, question, "For 2025 the resolution lists targets:")
    assert not about_other_years(item, question)


def test_how_many_needs_a_number_counting_what_is_asked():
    question = "Hội nghị có bao nhiêu điểm cầu?"
    assert has_type("Hội nghị có 70 điểm cầu trực tuyến.", "number", question)
    assert not has_type("Hội nghị có 14 phiên hội thảo.", "number", question)
    # across languages, through the glossary's forms of the counted noun
    delegates = "How many delegates took part in it?"
    assert has_type("thu hút hơn 1000 đại biểu tham dự", "number", delegates)
    assert not has_type("gồm 14 phiên hội thảo", "number", delegates)
    # damaged text cannot be read for the noun: a number before an unmarked word will do ...
    assert has_type("Hi ngh din ra vi 70 im cu trc tuyn ti các tnh thành", "number", question)
    # ... but one before a word that kept its marks counts what that word says
    firms = "Hội nghị có bao nhiêu doanh nghiệp tham gia gian hàng triển lãm?"
    sessions = "Hi ngh din ra t ngày 2-6/11/2021 gm 14 phiên hi tho tp trung vào 5 chuyên"
    assert not has_type(sessions, "number", firms)
    assert has_type("Hi ngh có 70 doanh nghiệp tham gia trin lãm", "number", firms)


def test_a_sentence_about_another_year_does_not_answer():
    question = "How many Korean companies attended the 13 September 2023 conference?"
    assert not has_type("năm 2021, có 27 doanh nghiệp Hàn Quốc", "number", question)
    assert has_type("năm 2023, có 27 doanh nghiệp Hàn Quốc", "number", question)
    assert has_type("có 27 doanh nghiệp Hàn Quốc tham dự", "number", question)


def test_place_and_statement_evidence():
    asked = "Hội thảo hợp tác Pháp - Việt Nam được tổ chức tại thành phố nào?"
    assert not has_type(
        "Đại sứ Cộng hòa Pháp tại Việt Nam nhận định: đến năm 2020 ...", "place", asked
    )
    assert has_type("Hội thảo diễn ra tại Hà Nội.", "place", asked)
    assert has_type("The partnership with Eindhoven in the Netherlands", "place", "Which city?")
    assert not has_type("phê duyệt tại Quyết định số 950/QĐ-TTg", "place", "Which cities?")
    assert not has_type("the scheme for Vietnam", "place", "Which cities were named?")
    speaker = "Thứ trưởng Trần Văn Tùng đã phát biểu những nội dung gì?"
    assert not has_type(
        "Tham dự có Thứ trưởng Trần Văn Tùng, Chủ tịch VINASA.", "statement", speaker
    )
    assert not has_type("Ông Nguyễn Huy Dũng nhấn mạnh vai trò của dữ liệu.", "statement", speaker)
    assert has_type("Ông Trần Văn Tùng nhấn mạnh vai trò của dữ liệu.", "statement", speaker)
    # folded, "nói" (to say) is "Nội": Vietnamese verbs of speech match with their marks
    assert not has_type("Ngày 13/9 tại Hà Nội, hội nghị khai mạc.", "statement", "Ai đã nói gì?")
    # a role stands for the speaker when the question names no person
    director = "Giám đốc Học viện AMC đã phát biểu gì?"
    assert not has_type(
        "Thứ trưởng Nguyễn Huy Dũng nhấn mạnh vai trò dữ liệu.", "statement", director
    )
    assert has_type("Giám đốc AMC nhấn mạnh vai trò của hợp tác.", "statement", director)
    # part of a longer name is not the place: "Thái Bình Dương" is the Pacific
    pacific = "Tổ chức Công nghiệp điện toán châu Á – Thái Bình Dương (ASOCIO) khai mạc hội nghị."
    assert not has_type(pacific, "place", "Which cities hosted the connection points?")
    assert has_type("Tỉnh Bình Dương hợp tác với Eindhoven.", "place", "Which province?")
    # reported speech runs on into the next sentence
    before = "Ông Bertrand Lortholary, Đại sứ Pháp nhận định: đô thị hóa sẽ tăng nhanh."
    said = "Do đó, phía Pháp sẽ hỗ trợ Việt Nam trong giai đoạn phát triển này."
    assert has_type(said, "statement", "What did he say France would do?", before)
    assert not has_type(said, "statement", "What did he say France would do?")


def test_frequency_reason_venue_and_document_number_evidence():
    assert has_type("Bộ Xây dựng báo cáo Thủ tướng hằng năm.", "frequency", "bao lâu một lần?")
    assert not has_type("Bộ Xây dựng tổng hợp và báo cáo Thủ tướng.", "frequency", "bao lâu?")
    why = "Vì sao chương trình chọn tám lĩnh vực?"
    assert has_type("Các lĩnh vực được chọn vì tác động lớn đến người dân.", "reason", why)
    assert not has_type("Chương trình xác định tám lĩnh vực ưu tiên, gồm:", "reason", why)
    # folded, "đề án" would read as "để" (in order to)
    assert not has_type("Tỉnh đã ban hành đề án đô thị thông minh.", "reason", why)
    venue = "Hội nghị được tổ chức tại khách sạn nào?"
    assert not has_type("Ngày 13/9 tại Hà Nội, hội nghị khai mạc.", "venue", venue)
    assert has_type("Hội nghị diễn ra tại khách sạn Melia, Hà Nội.", "venue", venue)
    number = "Kế hoạch được ban hành theo quyết định số mấy?"
    assert has_type("ban hành tại Quyết định số 829/QĐ-BTTTT", "docnumber", number)
    assert not has_type("ban hành kế hoạch triển khai đề án", "docnumber", number)
    # a bare d/m is a date only where a date is expected: "2/3 dân số" is two thirds
    assert not has_type("sẽ có 2/3 dân số sống tại đô thị", "day", "Hội thảo diễn ra ngày nào?")
    assert has_type("Ngày 13/9, hội nghị khai mạc", "day", "Hội nghị diễn ra ngày nào?")
    # a version the question names must be in the passages ("phiên bản 2.0" when only 1.0 is)
    assert "2.0" in required_terms(
        "Khung tham chiếu ICT phiên bản 2.0 ban hành ngày nào?", "vi", "vi"
    )


def test_named_places_count_differences_and_numbered_documents():
    from scqa.counting import contradicts
    from scqa.places import named_places, places_missing

    assert named_places("In which year did Lam Dong approve its scheme?") == ["Lâm Đồng"]
    assert named_places("Bộ Xây dựng báo cáo hằng năm định kỳ") == []  # not Nam Định
    assert required_terms("When did Lam Dong approve it?", "en", "vi") == ["Lâm Đồng"]
    hcmc = "Đề án của TP.HCM được phê duyệt năm nào?"
    assert places_missing(hcmc, "Ho Chi Minh City issued Decision 6179") == []
    assert places_missing(hcmc, "Da Nang issued a decision in 2014") == ["TP.HCM"]
    five = "What are the five lessons observers draw from Hue?"
    assert contradicts("Observers usually draw three lessons from Hue:", five)
    assert not contradicts("Observers usually draw five lessons from Hue:", five)
    assert not contradicts("Sau khi ban hành, tỉnh rút ra ba bài học.", "Tỉnh rút ra bài học gì?")
    # a count of those of a named place is a part, not another count of the same things
    pilots = "26 thành phố thí điểm của Mạng lưới nằm ở bao nhiêu quốc gia?"
    assert not contradicts(
        "Đà Nẵng, Hà Nội và TP.HCM là ba thành phố của Việt Nam tham gia.", pilots
    )
    assert contradicts("Mạng lưới có ba thành phố thí điểm.", pilots)
    which = "Quyết định nào phê duyệt đề án?"
    assert has_type("được phê duyệt tại Quyết định số 6179/QĐ-UBND", "docnumber", which)
    assert has_type("approved by Decision No. 749 of 2020", "docnumber", which)
    assert not has_type("Thành phố đã phê duyệt đề án.", "docnumber", which)


def test_person_and_organisation_evidence():
    assert has_type("Ông Nguyễn Văn Khoa, Chủ tịch VINASA cho rằng ...", "person")
    assert has_type("có ông David Wong, Chủ tịch ASOCIO", "person")
    assert has_type("Chủ tịch ASOCIO David Wong phát biểu", "person")
    assert not has_type("VINASA và ASOCIO đã khai mạc Hội nghị tại Việt Nam.", "person")
    question = "Nhà đầu tư Hàn Quốc của dự án là công ty nào?"
    assert not has_type(
        "Dự án từ Hàn Quốc đầu tư khu CNTT tập trung 40 ha.", "organisation", question
    )
    assert has_type("Dự án do Tập đoàn Samsung đầu tư.", "organisation", question)
    assert has_type("The app was built by VNPT.", "organisation", "Which company built the app?")


def test_required_terms():
    assert required_terms("Đề án của Cần Thơ được phê duyệt năm nào?", "vi", "vi") == ["Cần Thơ"]
    assert required_terms("What does Decision No. 905/QĐ-TTg say?", "en", "vi") == ["905/QĐ-TTg"]
    # a Vietnamese place is required in either language: folded, "Hue" is "Huế"
    assert required_terms("Which agency funded Thua Thien Hue?", "en", "vi") == ["Huế"]
    assert required_terms("Học viện AMC tổ chức hội nghị với ai?", "vi", "vi") == ["AMC"]
    # evidence in both languages: a Vietnamese name is required, an English one is not
    mixed = "Theo ông Phong tại Industry Summit, Cần Thơ có đề án chưa?"
    assert required_terms(mixed, "vi", "mixed") == ["Cần Thơ"]
    # "TP" is "thành phố", not a name; the city is required as a place
    assert required_terms("Bình Dương hợp nhất vào TP Hồ Chí Minh khi nào?", "vi", "vi") == [
        "Hồ Chí Minh",
        "Bình Dương",
    ]
    # a possessive ends a name: "the Politburo's Resolution" is no name the text holds
    who = "Who signed the Politburo's Resolution 52-NQ/TW on the Fourth Industrial Revolution?"
    # (the Politburo is required as a body the glossary knows: "Bộ Chính trị" in Vietnamese)
    assert required_terms(who, "en", "en") == [
        "52-NQ/TW",
        "Politburo",
        "Fourth Industrial Revolution",
    ]
    # a country before a name is no part of it ("Bertrand Lortholary, Đại sứ ... Pháp")
    envoy = "Theo Đại sứ Pháp Bertrand Lortholary, đô thị sẽ ra sao?"
    assert proper_names(envoy) == ["Bertrand Lortholary"]
    assert proper_names("Ông Trần Văn Tùng nói gì?") == ["Trần Văn Tùng"]  # not a place: kept


def test_by_whom_asks_who_and_who_signed_needs_the_signing():
    question = "Nghị quyết 52-NQ/TW về Cách mạng công nghiệp lần thứ tư do ai ký?"
    assert expected_type(question) == "who"
    adopted = "Bộ Chính trị chính thức đưa định hướng này vào Nghị quyết 52-NQ/TW ngày 27/9/2019."
    assert not meets(adopted, question, kind="who")
    assert meets("Tổng Bí thư Nguyễn Phú Trọng ký Nghị quyết 52-NQ/TW.", question, kind="who")


@pytest.mark.parametrize(
    "question",
    [
        "Đề án thành phố thông minh của Cần Thơ được phê duyệt năm nào?",
        "What does Decision No. 905/QĐ-TTg say about smart cities?",
        "Tổng kinh phí thực hiện Đề án 950 là bao nhiêu tỷ đồng?",
        "Thứ trưởng Bộ Khoa học và Công nghệ Trần Văn Tùng đã phát biểu những nội dung gì "
        "tại Hội nghị ASOCIO 2021?",
        "Which cities were named as pilot cities in Decision 950/QĐ-TTg?",
        "Cách nấu phở bò cần những nguyên liệu gì?",
        # a role the text names only as a deputy, a definition of a term the texts do not
        # define, an English question on the head of an office the text does not name
        "Trưởng Ban Kinh tế Trung ương tại Diễn đàn Industry Summit 4.0 lần thứ ba là ai?",
        "Theo sổ tay đô thị thông minh, điện toán đám mây được định nghĩa như thế nào?",
        "Who was the chairman of the Ho Chi Minh City People's Committee who signed Decision "
        "6179/QĐ-UBND?",
        # another edition than the texts', a figure put in the words of someone who did not
        # say it, an amount of money and a month the texts do not give
        "Diễn đàn Industry Summit 4.0 lần thứ hai diễn ra vào năm nào?",
        "Theo Đại sứ Bertrand Lortholary, đến năm 2030 kinh tế số chiếm bao nhiêu phần trăm GDP?",
        "How large was the Korean grant for the VKC project?",
        "In which month of 2022 was the smart-city technology exhibition held?",
        # those that have not, an award, who signed
        "41/63 tỉnh có đề án đô thị thông minh, vậy những tỉnh nào chưa xây dựng đề án?",
        "Hue-S của Thừa Thiên Huế đã từng đạt giải thưởng nào?",
        "Who signed the KOICA grant agreement for the Hue smart tourism project?",
    ],
)
def test_near_misses_abstain(built_store, question):
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    assert answer.abstained, answer.text
    assert not answer.citations


def test_a_question_in_someones_words_is_answered_from_what_they_said(built_store):
    with Assistant(store=built_store) as a:
        unquoted = a.ask("Đến năm 2030, kinh tế số chiếm bao nhiêu phần trăm GDP?")
        quoted = a.ask(
            "Theo ông Nguyễn Thành Phong, bao nhiêu tỉnh, thành phố đã hoặc đang triển khai đề án "
            "đô thị thông minh?"
        )
    assert not unquoted.abstained and "30% GDP" in unquoted.text
    assert not quoted.abstained and "41/63" in quoted.text


def test_a_list_item_is_scoped_by_its_own_heading_not_the_title_above(built_store):
    # the title "... đến năm 2025, định hướng đến năm 2030" is above the 2025 targets' list
    with Assistant(store=built_store) as a:
        later = a.ask(
            "Theo Chương trình Chuyển đổi số quốc gia, đến năm 2030 hạ tầng cáp quang phải phủ bao "
            "nhiêu phần trăm hộ gia đình?"
        )
        listed = a.ask(
            "Theo Chương trình Chuyển đổi số quốc gia, đến năm 2025 hạ tầng cáp quang phải phủ bao "
            "nhiêu phần trăm hộ gia đình?"
        )
    assert later.abstained, later.text
    assert not listed.abstained and "80% hộ gia đình" in listed.text


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
    # a long earlier turn: its names and acronyms are carried first, not cut off by the budget
    ioc = "Trung tâm giám sát, điều hành đô thị thông minh (IOC) của Thừa Thiên Huế làm gì?"
    carried = standalone_query("Ý tưởng chính của trung tâm đó là gì?", [ioc], "vi")
    assert "IOC" in carried and "Thừa Thiên Huế" in carried
    assert "(Trung" not in carried  # capitalised as the turn's first word only


def test_translated_coverage_counts_the_question_words_the_glossary_lacks():
    from scqa import text as textmod
    from scqa.evidence import translated_coverage

    passage = textmod.fold("Bộ Xây dựng là cơ quan chủ trì Đề án phát triển đô thị thông minh.")
    full = translated_coverage("Which ministry leads the smart city scheme?", "en", passage)
    assert full is not None and full > 0.5
    # one known term among words the glossary cannot translate is not coverage
    thin = translated_coverage("Cách nấu phở ở Bộ nào ngon nhất?", "vi", textmod.fold("Ministry"))
    assert thin is not None and thin < 0.3
    assert translated_coverage("Cách nấu phở bò?", "vi", passage) is None


def test_sentence_terms_cross_languages_and_the_opening_scope_weighs_less():
    """A Vietnamese sentence is scored on the glossary's forms of an English question's words
    (or the words themselves: names stay in English), and the words of an opening "According
    to ..." clause, which say where to look, weigh less than what is asked."""
    groups = term_groups("At the workshop, which body compiled the opinions?", "en", "vi")
    assert groups[("hoi thao", "workshop")] == 1.0
    assert any("tong hop" in alternatives for alternatives in groups)
    assert ("co quan", "body") in groups and ("opinions",) in groups  # no entry for "opinions"
    assert term_groups("Hội thảo ở đâu?", "vi", "vi") == {("hoi",): 1.0, ("thao",): 1.0}

    question = "Theo bản tóm tắt Đề án 950, những bộ nào bố trí nguồn vốn?"
    assert scope_words(question) == {"theo", "ban", "tom", "tat", "de", "an", "950"}
    weights = term_groups(question, "vi", "vi")
    assert weights[("tom",)] == 0.3 and weights[("bo",)] == 1.0


def test_an_area_and_a_duration_are_asked_for_by_their_unit():
    area = "What is the land area of Thu Duc City, in square kilometres?"
    assert expected_type(area) == "area"
    assert expected_type("Khu đô thị mới An Vân Dương rộng bao nhiêu ha?") == "area"
    assert has_type("The software park covers 40 ha.", "area", area)
    assert not has_type("Thu Duc City came into being on 1 January 2021.", "area", area)
    # a share of an area is a share
    assert (
        expected_type("Diện tích đô thị chiếm bao nhiêu phần trăm diện tích thế giới?") == "share"
    )

    consult = "Bộ đã lấy ý kiến góp ý dự thảo Khung tham chiếu trong bao lâu?"
    assert expected_type(consult) == "duration"
    assert has_type("Dự thảo được lấy ý kiến trong hai tháng.", "duration", consult)
    assert has_type("IBM experts worked in the city for three weeks.", "duration", consult)
    assert not has_type(
        "Ngày 31/5/2019, Bộ trưởng ký Quyết định số 829/QĐ-BTTTT.", "duration", consult
    )
    # "how long after X did Y" is answered by two dates; "how many weeks" counts weeks
    assert expected_type("How long after the scheme was approved did the resolution come?") is None
    assert expected_type("Đề án được phê duyệt sớm hơn đề án quốc gia khoảng bao lâu?") is None
    assert expected_type("How many weeks did the IBM team spend in Da Nang?") == "number"


def test_a_hotline_an_acronym_and_an_event_are_asked_for_by_their_kind():
    hotline = "What is the telephone hotline number residents can call for Hue-S?"
    assert expected_type(hotline) == "phone"
    assert has_type("- Tổng đài thông tin và dịch vụ công 1022, nơi người dân hỏi đáp.", "phone")
    assert not has_type("Hue-S brings many services together in one app.", "phone")
    # a question that names the line and counts something asks for a number
    assert expected_type("tong dai 1022 moi nam tiep nhan bao nhieu cuoc goi") == "number"
    # ... and one that asks what the number is ("là bao nhiêu") asks for the line
    assert expected_type("Số điện thoại đường dây nóng của tòa soạn là bao nhiêu?") == "phone"

    stand = "What does 'IDC' stand for in the name of Becamex IDC?"
    assert expected_type(stand) == "expansion"
    assert not has_type(
        "Tổng Công ty Becamex IDC là đại diện khối doanh nghiệp.", "expansion", stand
    )
    assert has_type("Tổng Công ty Đầu tư và Phát triển Công nghiệp (IDC) ...", "expansion", stand)
    assert has_type(  # a name given in words answers "tên đầy đủ" too
        'It is known in Vietnamese as the "Trung tâm Giám sát".',
        "expansion",
        "Trung tâm IOC có tên đầy đủ là gì?",
    )

    event = "Ông Võ Văn Hoan phát biểu về hợp tác tiểu vùng sông Mekong tại sự kiện nào?"
    assert expected_type(event) == "event"
    assert not has_type("Ông Võ Văn Hoan khẳng định thành phố sẵn sàng hợp tác.", "event", event)
    assert has_type("Phát biểu tại Hội nghị, ông Võ Văn Hoan khẳng định ...", "event", event)


def test_what_the_question_sets_aside_does_not_answer_it():
    """ "Ngoài ông X, thứ trưởng nào ..." is not answered by X; a question asking for a company
    ("tập đoàn nào") is not answered by a ministry; "loại doanh nghiệp nào" asks for a kind."""
    question = "ngoài ông phan thảo nguyên, ai của bộ tt&tt dự hội thảo?"
    sentence = "Ông Phan Thảo Nguyên, Vụ trưởng Vụ Hợp tác Quốc tế (Bộ TT&TT) chia sẻ."
    assert has_type(sentence, "person", "Ai của bộ tt&tt dự hội thảo?")
    assert not has_type(sentence, "person", question)
    assert has_type(f"Ông Nguyễn Huy Dũng dự. {sentence}", "person", question)

    company = "Ngoài cương vị Chủ tịch VINASA, ông Nguyễn Văn Khoa lãnh đạo tập đoàn nào?"
    attendees = "Tham dự có Thứ trưởng Bộ TT&TT Nguyễn Huy Dũng, Chủ tịch VINASA Nguyễn Văn Khoa."
    assert expected_type(company) == "organisation"
    assert not has_type(attendees, "organisation", company)
    assert has_type(attendees, "organisation", "Cơ quan nào cử đại diện tham dự?")
    assert has_type("Ông Khoa là Chủ tịch Tập đoàn FPT.", "organisation", company)

    assert expected_type("Hội nghị kết nối cho loại doanh nghiệp Hàn Quốc nào?") is None
    assert expected_type("Cách phân loại này xuất phát từ trường đại học nào?") == "organisation"


def test_a_ministry_the_question_names_must_be_in_the_evidence_in_either_language(built_store):
    question = "Under Decision 950, what tasks is the Ministry of Foreign Affairs given?"
    assert "Ministry of Foreign Affairs" in required_terms(question, "en", "vi")
    with Assistant(store=built_store) as a:
        absent = a.ask(question)
        # the Vietnamese text names "Bộ Xây dựng": the English name finds it
        present = a.ask("Under Decision 950, what tasks is the Ministry of Construction given?")
    assert absent.abstained and "missing: Ministry of Foreign Affairs" in absent.flags
    assert not present.abstained, present.flags
    assert "Bộ Xây dựng" in present.text


def test_whether_a_text_states_something_is_answered_by_a_sentence_saying_it_does_not():
    question = "Bản tóm tắt Đề án 950 có nêu tổng kinh phí thực hiện không?"
    assert expected_type(question) == "amount"
    assert has_type("3. Bản tóm tắt này không nêu tổng kinh phí của Đề án.", "amount", question)
    denial = "Bản tóm tắt này không nêu tổng kinh phí của Đề án."
    assert not has_type(denial, "amount", "Tổng kinh phí thực hiện Đề án 950 là bao nhiêu?")
    # "where ... from" asks for a source, not a place
    assert expected_type("Where does the Hue IOC gather its information from?") is None
    assert expected_type("Where is the Hue IOC?") == "place"


def test_foreign_words_in_a_vietnamese_question_are_required_terms():
    """Brands and names that are no Vietnamese syllable read the same in any text; glossary
    terms ("smart city") and loanwords a text may put in Vietnamese ("online") are not required."""
    unmarked = "ung dung hue-s co ban cho ca iphone va dien thoai android khong"
    assert {"iphone", "android"} <= set(required_terms(unmarked, "vi", "en"))
    assert "iPhone" in required_terms("Ứng dụng Hue-S có bản cho iPhone không?", "vi", "vi")
    assert foreign_words("Bình Dương hợp tác với Eindhoven và Brainport thế nào?") == [
        "Eindhoven",
        "Brainport",
    ]
    assert foreign_words("Hội nghị smart city có gian hàng online không?") == []
    assert foreign_words("cach pha ca phe trung kieu ha noi") == []
    # an English question's words are all "foreign": the rule is for Vietnamese questions only
    assert "joined" not in required_terms("Which smart city firms joined?", "en", "en")


def test_a_person_asked_for_by_a_title_is_answered_by_a_sentence_naming_that_title():
    question = "Ai đang là Giám đốc Trung tâm IOC của Thừa Thiên Huế?"
    assert expected_type(question) == "person"
    assert not has_type("Ông Nguyễn Văn Phương thăm Trung tâm IOC.", "person", question)
    assert has_type("Ông Nguyễn Văn A, Giám đốc Trung tâm IOC, cho biết ...", "person", question)
    # in the other language, and a longer title is not the shorter one inside it
    english = "Which deputy minister attended the summit?"
    assert has_type("Thứ trưởng Bộ TT&TT Nguyễn Huy Dũng dự hội nghị.", "person", english)
    assert not has_type("Bộ trưởng Nguyễn Mạnh Hùng dự hội nghị.", "person", english)
    assert has_type("Ông Nguyễn Văn A phát biểu.", "person", "Who spoke at the summit?")
    # a role at an event, and "ai làm <title>", ask for a person in that role
    moderated = "Who moderated the discussion session at the workshop?"
    assert expected_type(moderated) == "person"
    assert not has_type("Ông Nguyễn Huy Dũng, Thứ trưởng, phát biểu.", "person", moderated)
    assert has_type("Phiên thảo luận do ông Trần Văn B điều phối.", "person", moderated)
    team = "Tổ biên tập đề án do ai làm tổ trưởng?"
    assert expected_type(team) == "person"
    assert not has_type("Ông Nguyễn Thành Phong phát biểu khai mạc.", "person", team)
    assert has_type("Ông Nguyễn Văn C làm tổ trưởng tổ biên tập.", "person", team)
    # "lấy ai làm trung tâm" (whom it centres on) asks for no one by name
    assert expected_type("Phát triển đô thị thông minh lấy ai làm trung tâm?") != "person"


def test_question_words_inside_other_words_do_not_set_the_answer_type():
    # "thường ngày nào" is "which everyday ...", not "which day"
    assert expected_type("Hue-S còn cung cấp những loại thông tin thường ngày nào?") is None
    assert expected_type("Hội thảo diễn ra ngày nào?") == "day"
    # "which opened the Smart City Summit" is a relative clause, not "which city"
    assert (
        expected_type("What kind of organisation is ASOCIO, which opened the Smart City Summit?")
        is None
    )
    assert expected_type("Which smart city did IBM choose in 2012?") == "place"
    assert expected_type("Which cities joined the network?") == "place"
    # where a text is published is a source to read, not a place
    assert expected_type("Where is the official text of Resolution 52-NQ/TW published?") is None
    assert expected_type("Where is the IOC of Thua Thien Hue?") == "place"


def test_the_body_a_question_names_in_the_other_language_does_not_answer_it():
    """ "Ban Kinh tế Trung ương" is the Central Economic Commission the English question names;
    "Dự án VKC" is a project, not one of the companies a question asks for."""
    summit = "Diễn đàn do Ban Kinh tế Trung ương cùng một số bộ, ngành có liên quan chủ trì."
    ministries = "Which ministries co-organised the summit with the Central Economic Commission?"
    assert not has_type(summit, "organisation", ministries)
    assert has_type(summit, "organisation", "Which body organised the summit?")
    project = "Bộ Xây dựng phê duyệt văn kiện Dự án VKC."
    companies = "Which Vietnamese companies held talks with Korean firms?"
    assert not has_type(project, "organisation", companies)
    assert has_type(project, "organisation", "Which agency approved the project document?")
    assert has_type("Tập đoàn FPT (FPT) đã tham gia.", "organisation", companies)


def test_a_place_question_may_put_words_between_the_noun_and_nao():
    assert expected_type("Những thành phố nước ngoài nào được giới thiệu làm mô hình?") == "place"
    # not "thành phố thông minh nào", "thành phố cần làm gì", "tính chất thế nào"
    assert expected_type("Thành phố thông minh nào được nhắc đến?") is None
    assert expected_type("Thành phố cần làm gì trước tiên?") is None
    assert expected_type("Việc triển khai còn mang tính chất thế nào?") is None


def test_a_vietnamese_question_reads_english_passages_with_the_general_vocabulary():
    """Reading passages already found, "mô phỏng" and "dự báo" are "simulation" and "forecast"
    (the general vocabulary); searching, they stay Vietnamese, so that English documents are not
    drawn into Vietnamese searches."""
    question = "Trung tâm mô phỏng và dự báo của TP.HCM làm gì?"
    groups = term_groups(question, "vi", "en")
    assert any("simulation" in alternatives for alternatives in groups)
    assert any("forecast" in alternatives for alternatives in groups)
    assert not any(entry.general for _, entry in glossary.matches(question, "vi"))
    assert any(entry.general for _, entry in glossary.matches(question, "vi", general=True))


def test_a_name_quoted_in_the_questions_language_does_not_answer_it(built_store):
    """The HCMC scheme's English explainer quotes the scheme's Vietnamese name, which holds
    every word a Vietnamese question on the scheme names: that sentence must not lead."""
    question = (
        "Trong đề án đô thị thông minh của TP.HCM, các viện nghiên cứu và trường đại học"
        " được đề nghị hỗ trợ việc gì?"
    )
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    assert not answer.abstained, answer.flags
    lead = answer.text.split("\n", 1)[1]
    assert lead.startswith("Research institutes and universities"), lead
    assert "usually called" not in answer.text


def test_a_resolution_numbered_with_its_legislature_is_found(built_store):
    question = "Nghị quyết 175/2024/QH15 được Quốc hội thông qua ngày nào?"
    assert "175/2024/QH15" in required_terms(question, "vi", "vi")
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    assert not answer.abstained, answer.flags
    assert "30/11/2024" in answer.text


def test_the_names_that_identify_the_topic_may_stand_elsewhere_in_the_article(built_store):
    # the passage on the obstacles does not repeat "4.0": the article's opening line does
    question = (  # heldout10's k02
        "Among the obstacles to smart cities that Nguyễn Thành Phong listed at the third "
        "Industry Summit 4.0 workshop, what was the situation of the standards and technical "
        "regulations for smart-city planning and smart infrastructure?"
    )
    with Assistant(store=built_store) as a:
        _, _, hits = a.retrieve(question)
        assert "4.0" in missing_terms(question, "en", hits)
        answer = a.ask(question)
    assert not answer.abstained, answer.flags
    assert answer.citations[0].source.endswith("001_67607b676e36677b.txt")
    # a term in no retrieved article at all is still missing
    with Assistant(store=built_store) as a:
        assert a.ask("What does Decision No. 905/QĐ-TTg say about smart cities?").abstained


def test_values_the_question_names_do_not_answer_it():
    question = "At the 2023 conference, by what year does Vietnam aim to be a high-income country?"
    assert not has_type("Hội nghị năm 2023 diễn ra tại Hà Nội.", "year", question)
    assert has_type("Việt Nam đặt mục tiêu có thu nhập cao vào năm 2045.", "year", question)
    assert has_type("Hội nghị năm 2023 diễn ra tại Hà Nội.", "year", "Hội nghị diễn ra năm nào?")


def test_a_speaker_named_after_a_title_is_matched_by_name():
    question = "What did French Ambassador Bertrand Lortholary say about urban management?"
    said = "Ông Bertrand Lortholary, Đại sứ Cộng hòa Pháp, nhận định: đô thị hóa diễn ra nhanh."
    other = "Ông Nguyễn Văn Khoa, Chủ tịch VINASA, nhận định: đô thị hóa diễn ra nhanh."
    assert has_type(said, "statement", question)
    assert not has_type(other, "statement", question)


@pytest.mark.parametrize(
    ("question", "kind", "without", "holding"),
    [
        # a year inside a date is not new when the question names it
        (
            "ASOCIO co-organised the summit of 2021 - in what year was ASOCIO founded?",
            "year",
            "Ngày 2/11/2021, VINASA và ASOCIO khai mạc hội nghị.",
            "ASOCIO được thành lập năm 1984.",
        ),
        # a document's number counts nothing
        (
            "Số cán bộ dự án sẽ đào tạo là bao nhiêu?",
            "number",
            "Quyết định số 38/QĐ-BXD ngày 12/5/2022 phê duyệt dự án.",
            "Dự án sẽ đào tạo 200 cán bộ.",
        ),
        (
            "Triển lãm năm 2022 được tổ chức vào tháng mấy?",
            "month",
            "Năm 2022, triển lãm có 52 cuộc trao đổi.",
            "Triển lãm diễn ra vào tháng 10 năm 2022.",
        ),
        (
            "Năm 2020 Việt Nam xếp thứ mấy về chính phủ điện tử?",
            "rank",
            "Việt Nam thuộc nhóm 50 nước dẫn đầu về EGDI.",
            "Năm 2020 Việt Nam xếp thứ 86 về chính phủ điện tử.",
        ),
        (
            "How large was the Japanese ODA loan?",
            "amount",
            "The line was financed largely with Japanese ODA.",
            "Japan lent 2.5 billion USD for the line.",
        ),
        # another period than the question's: the 2017-2020 scheme is not the 2021-2025 one
        (
            "Which decision approved the scheme for the 2021-2025 period?",
            "docnumber",
            "Decision 6179/QĐ-UBND approved the 2017-2020 scheme.",
            "Decision 123/QĐ-UBND approved the 2021–2025 scheme.",
        ),
        # what happens at the time asked for: completion is not the approval
        (
            "Dự án dự kiến hoàn thành vào năm nào?",
            "year",
            "Ngày 12/5/2022, Bộ trưởng đã ký quyết định phê duyệt dự án.",
            "Dự án dự kiến hoàn thành vào năm 2025.",
        ),
        # every event the question names: the project named after a founding is not its end
        (
            "Dự án thành lập Trung tâm VKC dự kiến hoàn thành vào năm nào?",
            "year",
            "Năm 2022, Bộ trưởng phê duyệt Dự án “Thành lập Trung tâm VKC”.",
            "Dự án thành lập Trung tâm VKC dự kiến hoàn thành vào năm 2026.",
        ),
        (
            "Quyết định 829/QĐ-BTTTT có hiệu lực từ ngày nào?",
            "day",
            "Ngày 31/5/2019, Bộ trưởng ký Quyết định số 829/QĐ-BTTTT.",
            "Quyết định 829/QĐ-BTTTT có hiệu lực từ ngày 31/5/2019.",
        ),
        (
            "Đề án 950 đã được sửa đổi bằng quyết định nào?",
            "docnumber",
            "Đề án 950 được phê duyệt tại Quyết định số 950/QĐ-TTg.",
            "Đề án 950 được sửa đổi tại Quyết định số 123/QĐ-TTg.",
        ),
        # a ministry by name, not the one the question names
        (
            "Which French ministry signed the memorandum with the Ministry of Information?",
            "organisation",
            "Pháp và Việt Nam ký biên bản ghi nhớ với Ministry of Information and Communications.",
            "Bộ Kinh tế Pháp đã ký biên bản ghi nhớ.",
        ),
        # a day and month in words is no count
        (
            "Ứng dụng có tổng cộng bao nhiêu dịch vụ?",
            "number",
            "The app was launched on 31 May 2019 by the province.",
            "The app offers 40 services.",
        ),
        (
            "What was Thu Duc City's population when it was set up?",
            "number",
            "Thu Duc City came into being on 1 January 2021.",
            "Thu Duc City had about 1.1 million residents.",
        ),
        # which edition: an ordinal the question does not name
        (
            "Hội nghị năm 2023 là lần thứ mấy Học viện AMC tổ chức?",
            "ordinal",
            "Ngày 13/9, Học viện AMC đã tổ chức Hội nghị.",
            "Đây là lần thứ ba Học viện AMC tổ chức Hội nghị.",
        ),
        # the event's word may come between "lần" and "thứ mấy"
        (
            "Hội nghị ASOCIO 2021 là lần tổ chức thứ mấy của sự kiện này?",
            "ordinal",
            "Ngày 2/11/2021, VINASA và ASOCIO khai mạc Hội nghị ASOCIO 2021.",
            "Hội nghị năm nay là lần thứ tư được tổ chức.",
        ),
        # an award: not a "giải pháp" (solution)
        (
            "Hue-S của Thừa Thiên Huế từng đạt giải thưởng nào chưa?",
            "award",
            "Hue-S là giải pháp của tỉnh cho người dân.",
            "Hue-S đạt giải thưởng Thành phố thông minh Việt Nam năm 2020.",
        ),
        (
            "Has Hue-S won any award?",
            "award",
            "Hue-S offers solutions for residents.",
            "Hue-S was honoured with a national smart-city award.",
        ),
        # since when someone holds an office: the sentence must say the appointment or term
        (
            "Ông Nguyễn Thành Phong giữ chức Phó Ban Kinh tế Trung ương từ năm nào?",
            "year",
            "Hội thảo Phát triển đô thị thông minh đến năm 2030, tầm nhìn đến năm 2045 khai mạc.",
            "Ông Nguyễn Thành Phong được bổ nhiệm giữ chức Phó Ban năm 2021.",
        ),
        # a loan's terms: a rate or a period beside the word for it
        (
            "What interest rate and repayment period apply to Japanese ODA loans?",
            "loan_terms",
            "The metro line was financed largely with Japanese ODA and opened in 2024.",
            "Japanese ODA loans carry an interest rate of 0.1% and a repayment period of 40 years.",
        ),
        # a region in the name of the body the question names by its acronym is no country
        (
            "Which ASOCIO member countries sent delegations to the Summit Vietnam - ASOCIO 2021?",
            "place",
            "VINASA (Việt Nam) và Tổ chức Công nghiệp điện toán châu Á – Thái Bình Dương (ASOCIO) "
            "khai mạc hội nghị.",
            "Đoàn đại biểu Nhật Bản và Hàn Quốc tham dự hội nghị ASOCIO 2021.",
        ),
        # a region in a body's name before its acronym says nowhere an event was
        (
            "Where was the workshop that Thua Thien Hue's People's Committee organised with the "
            "Asian Development Bank held?",
            "place",
            "UBND Thừa Thiên Huế vừa phối hợp với Ngân hàng Phát triển Châu Á (ADB) tổ chức Hội "
            "thảo về thành phố thông minh.",
            "Hội thảo diễn ra tại thành phố Đà Nẵng.",
        ),
        # a length, a district, a deadline
        (
            "How long is Ho Chi Minh City's Ben Thanh - Suoi Tien metro line, in kilometres?",
            "length",
            "The metro line Ben Thanh - Suoi Tien opened on 22 December 2024.",
            "The line runs 19.7 km from Ben Thanh to Suoi Tien.",
        ),
        (
            "Trung tâm mô phỏng của TP.HCM được đặt ở quận nào?",
            "place",
            "Thành phố Hồ Chí Minh xây dựng Trung tâm mô phỏng và dự báo.",
            "Trung tâm mô phỏng đặt tại Quận 1.",
        ),
        (
            "Các tỉnh phải phê duyệt đề án trước thời hạn nào?",
            "date",
            "Các tỉnh xây dựng và phê duyệt đề án phù hợp với điều kiện địa phương.",
            "Các tỉnh phê duyệt đề án trước ngày 31/12/2019.",
        ),
        # another ministry's decision does not answer for the one the question names
        (
            "Bộ Xây dựng ban hành bộ tiêu chí đánh giá đô thị thông minh theo quyết định số mấy?",
            "docnumber",
            "Bộ Thông tin và Truyền thông ký Quyết định số 829/QĐ-BTTTT ban hành Khung tham chiếu.",
            "Bộ Xây dựng ban hành Quyết định số 1234/QĐ-BXD về bộ tiêu chí.",
        ),
        (
            "Ai đang là Giám đốc Trung tâm IOC của tỉnh?",
            "person",
            "Trung tâm IOC của tỉnh đi vào hoạt động năm 2018.",
            "Ông Nguyễn Văn A là Giám đốc Trung tâm IOC.",
        ),
        # a period, not "định kỳ" (periodically) alone
        (
            "Bộ Xây dựng báo cáo Thủ tướng bao lâu một lần?",
            "frequency",
            "Các địa phương định kỳ báo cáo kết quả về Bộ Xây dựng.",
            "Bộ Xây dựng báo cáo Thủ tướng hằng năm.",
        ),
        (
            "Who represented the network at the summit?",
            "person",
            "VINASA và ASOCIO khai mạc hội nghị.",
            "Ông Nguyễn Văn Khoa phát biểu tại hội nghị.",
        ),
        # "16 công ty Hàn Quốc" names no company
        (
            "Which Vietnamese companies held talks?",
            "organisation",
            "Có 52 cuộc trao đổi (16 công ty Hàn Quốc và 16 công ty Việt Nam).",
            "Công ty Viettel đã trao đổi với đối tác.",
        ),
        # "một" is an article when nothing says what is counted
        (
            "How many weeks did the team spend in the city?",
            "number",
            "Một nhóm chuyên gia làm việc tại thành phố trong vài tuần.",
            "Nhóm chuyên gia làm việc tại thành phố trong 3 tuần.",
        ),
        # what the share is of
        (
            "Đến năm 2030 tỷ lệ dân số có tài khoản thanh toán điện tử là bao nhiêu?",
            "share",
            "Đến năm 2030, kinh tế số chiếm 30% GDP.",
            "Đến năm 2030, tỷ lệ dân số có tài khoản thanh toán điện tử trên 80%.",
        ),
        # "số xã" is the communes' share: the subject ends at a function word ("đến năm")
        (
            "Cáp quang phải phủ bao nhiêu phần trăm số xã đến năm 2025?",
            "share",
            "Đến năm 2025, kinh tế số chiếm 20% GDP.",
            "- Hạ tầng mạng cáp quang phủ trên 80% hộ gia đình và 100% xã.",
        ),
        # ... but "số" inside "dân số" is part of what the share is of
        (
            "Đến năm 2020 tỷ lệ dân số Việt Nam sống tại đô thị sẽ là bao nhiêu?",
            "share",
            "Đến năm 2020, kinh tế số chiếm 20% GDP của cả nước.",
            "Đến năm 2020, sẽ có 2/3 dân số Việt Nam sống tại đô thị.",
        ),
    ],
)
def test_a_new_value_of_the_asked_kind(question, kind, without, holding):
    assert expected_type(question) == kind
    assert not has_type(without, kind, question)
    assert has_type(holding, kind, question)


def test_the_question_proper_decides_what_is_asked():
    # the last sentence asks; an opening "When X did Y," clause sets the scene
    two = "The page closes with a teaser about Binh Duong. In which month is that teaser set?"
    assert expected_type(two) == "month"
    assert expected_type("When Phong opened the workshop, what did he say?") == "statement"
    assert expected_type("When was Decision 950 approved?") == "date"
    assert expected_type("Who signed Resolution No. 175/2024/QH15 establishing Hue?") == "who"
    # where to look something up is a document, not a place; an author may be a team
    assert expected_type("Bài viết khuyên người đọc tra cứu ở đâu để biết chỉ tiêu?") is None
    assert expected_type("Hội thảo diễn ra ở đâu?") == "place"
    assert expected_type("Who wrote the article on Binh Duong's model?") == "who"
    # a month in words
    assert has_type("Những ngày tháng Tám mùa thu nắng đẹp.", "month", "In which month?")
    assert not has_type("Những ngày mùa thu nắng đẹp.", "month", "In which month?")
    assert expected_type("Cơ quan nào chủ trì Đề án 950?") != "place"  # "cơ quan", no district
    assert "4G" in required_terms("Nghị quyết đặt chỉ tiêu gì về phủ sóng 4G?", "vi", "vi")
    # a definition: the verb may come first; a translation or a list is not one; one word
    # the glossary translates does not name a longer term
    assert defined_term("Sổ tay định nghĩa mô hình thành phố 15 phút như thế nào?") == (
        "mo hinh thanh pho 15 phut"
    )
    assert defined_term('Thuật ngữ "bản sao số" trong tiếng Anh là gì?') is None
    assert defined_term("Bốn cấu phần chính của đề án là gì?") is None
    fifteen = "Sổ tay định nghĩa mô hình thành phố 15 phút như thế nào?"
    assert not meets("Đô thị thông minh (smart city): city dùng dữ liệu.", fifteen)
    # the term a definition asks about is what the handbook explains, not the handbook
    assert defined_term("Sổ tay giải thích dữ liệu mở (open data) là gì?") == (
        "du lieu mo (open data)"
    )


def test_a_resolution_is_named_by_its_number_or_its_title():
    asked = "Theo Nghị quyết 52-NQ/TW, diễn đàn góp phần thực hiện văn bản số mấy của Đảng?"
    assert expected_type(asked) == "docnumber"
    assert not has_type("The resolution was signed by General Secretary Trọng.", "docnumber", asked)
    assert not has_type("Nghị quyết 52-NQ/TW coi CMCN 4.0 là cơ hội.", "docnumber", asked)
    assert has_type("Sự kiện góp phần thực hiện Nghị quyết Đại hội XIII.", "docnumber", asked)
    assert has_type("Sự kiện góp phần thực hiện Nghị quyết 23-NQ/TW.", "docnumber", asked)


def test_ordinals_and_the_person_a_question_quotes():
    from scqa.constraints import attributed, ordinals

    assert ordinals("Diễn đàn Công nghiệp 4.0 lần thứ ba") == {3}
    assert ordinals("phiên bản đầu tiên; the second edition; the 3rd summit") == {1, 2, 3}
    assert ordinals("Thủ tướng Chính phủ. Thứ hai, thành phố ...") == set()  # "secondly"
    first = "Diễn đàn cấp cao về Công nghiệp 4.0 lần thứ nhất được tổ chức vào năm nào?"
    assert constrained(first)
    assert not meets("Diễn đàn cấp cao về Công nghiệp 4.0 lần thứ ba diễn ra năm 2020.", first)
    assert meets("Diễn đàn lần thứ nhất diễn ra năm 2018.", first)
    assert meets("Diễn đàn diễn ra năm 2018.", first)  # no ordinal: nothing contradicts

    assert attributed("Theo Đại sứ Bertrand Lortholary, đến năm 2030 thì sao?") == "lortholary"
    assert attributed("Theo ông Nguyễn Thành Phong tại Industry Summit 4.0, bao nhiêu?") == "phong"
    assert attributed("Theo Đề án 950, đến năm 2025 thì sao?") is None  # a document
    adb = "Which ADB official spoke at the workshop in Hue?"
    assert constrained(adb)
    leader = "Phó Chủ tịch UBND tỉnh Nguyễn Thanh Bình phát biểu tại hội thảo."
    assert not meets(leader, adb, kind="person")
    assert meets("Ông John Smith, chuyên gia ADB, phát biểu tại hội thảo.", adb, kind="person")
    assert meets(leader, "Đại diện tỉnh là ai?", kind="person")  # no body named

    quoted = "Theo Đại sứ Bertrand Lortholary, đến năm 2030 bao nhiêu phần dân số sống ở đô thị?"
    other = "Đến năm 2030, kinh tế số chiếm 30% GDP."
    assert not meets(other, quoted)
    # reported speech runs on: the name may stand anywhere in what was retrieved of the article
    assert meets(other, quoted, document="Ông Bertrand Lortholary nhận định: ...")


def test_what_the_wording_demands():
    superlative = "Of the 41 provinces, which one has the largest smart-city budget?"
    assert constrained(superlative)
    assert not meets("Thừa Thiên Huế có đề án đô thị thông minh.", superlative)
    assert meets("Hà Nội có ngân sách lớn nhất cho đô thị thông minh.", superlative)
    assert not constrained("Nhật Bản tài trợ dự án nào?")  # "Nhật" is Japan, not "nhất"

    definition = "Theo sổ tay, điện toán đám mây (cloud computing) được định nghĩa như thế nào?"
    assert defined_term(definition) == "dien toan dam may (cloud computing)"
    assert not meets("Đô thị thông minh: đô thị dùng công nghệ và dữ liệu.", definition)
    assert meets("Cloud computing is computing delivered over the internet.", definition)
    assert defined_term("What is the theme of the forum?") is None
    # naming the term is not defining it
    level4 = "Dịch vụ công trực tuyến mức độ 4 được định nghĩa như thế nào?"
    assert not meets("- 80% dịch vụ công trực tuyến mức độ 4, cung cấp trên di động.", level4)
    assert meets(
        "Dịch vụ công trực tuyến mức độ 4 là dịch vụ thực hiện trọn vẹn trên mạng.", level4
    )

    # those that have not: a sentence on those that have is not the answer
    rest = "41/63 tỉnh có đề án, vậy những tỉnh nào còn lại chưa xây dựng đề án?"
    assert constrained(rest)
    assert not meets("Đã có 41/63 tỉnh triển khai xây dựng đề án đô thị thông minh.", rest)
    assert meets("Các tỉnh Bắc Kạn và Cao Bằng chưa xây dựng đề án.", rest)
    assert constrained("Which provinces have not yet approved a scheme?")
    assert not constrained("Hue-S đã đạt giải thưởng nào chưa?")  # a closing "chưa": yes or no
    assert not constrained("Quy hoạch không gian nào được duyệt?")  # "không gian" is space
    # who did it: the sentence must say the event the question names, whoever it names
    signed = "Who signed the grant agreement for the KOICA project on behalf of the province?"
    vice = "Phó Chủ tịch UBND tỉnh Nguyễn Thanh Bình đánh giá cao hội thảo."
    assert not meets(vice, signed, kind="who")
    assert meets("Phó Chủ tịch UBND tỉnh Nguyễn Thanh Bình ký hiệp định.", signed, kind="who")
    # "who signed" is not answered by the body that adopted it
    adopted = "On 30 November 2024 the National Assembly adopted Resolution No. 175/2024/QH15."
    assert not meets(adopted, "Who signed Resolution No. 175/2024/QH15?", kind="who")
    assert meets("It was signed by Chairman Trần Thanh Mẫn.", "Who signed it?", kind="who")
    # one named event is enough: the joining is in the resolution's name
    resolution = "Ai là người ký Nghị quyết 52 về chủ động tham gia cuộc Cách mạng 4.0?"
    assert meets(
        "The resolution was signed by General Secretary Nguyễn Phú Trọng.",
        resolution,
        kind="person",
    )

    head = "Trưởng ban Kinh tế Trung ương là ai?"
    assert not meets("Phó Ban Kinh tế Trung ương Nguyễn Thành Phong phát biểu.", head)
    assert meets("Trưởng Ban Kinh tế Trung ương Trần Tuấn Anh phát biểu.", head)
    assert meets("Phó Ban Nguyễn Thành Phong phát biểu.", "Phó Ban Kinh tế Trung ương là ai?")
    assert expected_type("Who was the chairman of the provincial People's Committee?") == "person"


def test_the_opening_sentence_of_an_article_without_headline_is_quoted(built_store):
    """002 has no headline: its first sentence is its title and still the answer's source.
    Only a headline-like title (no closing full stop) is a label never quoted."""
    with Assistant(store=built_store) as a:
        answer = a.ask(
            "UBND Thừa Thiên Huế phối hợp với tổ chức nào để tổ chức Hội thảo về thành phố "
            "thông minh?"
        )
        assert not answer.abstained
        lead = answer.text.splitlines()[1]
        assert "Ngân hàng Phát triển Châu Á (ADB)" in lead
        assert answer.citations[0].source.startswith("002_")
        assert answer.citations[0].title == lead.split(" [")[0]  # the title, quoted as content


@pytest.mark.parametrize(
    ("question", "reason", "why"),
    [
        (
            "Đề án thành phố thông minh của Cần Thơ được phê duyệt năm nào?",
            "missing_terms",
            "Không đoạn nào tìm được nhắc đến: Cần Thơ.",
        ),
        (
            "Cách nấu phở bò cần những nguyên liệu gì?",
            "weak_evidence",
            r"\(độ khớp 0\.\d\d < 0\.45\)",
        ),
        (
            "Tổng kinh phí thực hiện Đề án 950 là bao nhiêu tỷ đồng?",
            "no_answer_sentence",
            "Không câu nào trong các đoạn tìm được nói điều câu hỏi cần.",
        ),
        (
            "What does Decision No. 905/QĐ-TTg say about smart cities?",
            "missing_terms",
            "No passage found mentions: 905/QĐ-TTg.",
        ),
        ("Đề án 950 được phê duyệt ngày nào?", None, ""),
    ],
)
def test_an_abstention_says_why_in_the_askers_language(built_store, question, reason, why):
    with Assistant(store=built_store) as a:
        answer = a.ask(question)
    assert answer.abstained == (reason is not None)
    assert answer.abstain_reason == reason
    assert re.search(why, answer.why) if reason == "weak_evidence" else answer.why == why
    d = answer.to_dict()
    assert (d["abstain_reason"], d["why"]) == (reason, answer.why)
    if reason == "weak_evidence":  # the score shown is the one the threshold was applied to
        score, threshold = map(float, answer.abstain_detail.split(" < "))
        assert score < threshold == a.settings.abstain_threshold


def test_every_reason_is_said_in_both_languages():
    assert {lang: tuple(w) for lang, w in WHY.items()} == {
        "vi": ABSTAIN_REASONS,
        "en": ABSTAIN_REASONS,
    }
    assert all(
        "{detail}" in WHY[lang][r] for lang in WHY for r in ("missing_terms", "weak_evidence")
    )


def test_a_question_typed_with_its_marks_is_matched_with_them(built_store):
    from scqa.evidence import evidence_parts, tone_key

    assert tone_key("hoá") == tone_key("hóa") == "hoa2"  # old and new tone placement
    assert tone_key("thị") == "thi5" != tone_key("thi")  # "đô thị" is not an exam
    assert tone_key("Đường") == "đương1"
    # folded, a driving test's words are all over the corpus ("thi", "bang", "may", "xe")
    question = "Thi bằng lái xe máy hạng A1 cần chuẩn bị những giấy tờ gì?"
    with Assistant(store=built_store) as a:
        language, query, hits = a.retrieve(question)
        folded = evidence_parts(query, language, hits)["coverage"]
        judged = a.assess(question)
        assert judged["coverage"] < folded
        assert judged["score"] < a.settings.abstain_threshold
        answer = a.ask(question)
        assert answer.abstained and answer.abstain_reason == "weak_evidence"
        # the policy question it matches with its marks keeps its evidence
        kept = a.assess("Đề án 950 được phê duyệt ngày nào?")
        assert kept["score"] > 0.8 and not kept["missing"]
