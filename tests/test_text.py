"""scqa.text: repair, folding, language, sentences and tokens, on real Vietnamese."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from scqa import legacy_encodings, text
from scqa.errors import LoadError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SENTENCES = [
    "Quyết định số 950/QĐ-TTg phê duyệt Đề án phát triển đô thị thông minh bền vững Việt Nam "
    "giai đoạn 2018 - 2025.",
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc",
    "Ủy ban nhân dân thành phố Hồ Chí Minh ban hành kế hoạch chuyển đổi số; người dân được hưởng "
    "lợi từ dịch vụ công trực tuyến, nhưng vẫn còn nhiều thách thức ở những huyện xa xôi.",
    "Khuya khoắt, nghiêng ngả, quả quýt, thuở ấy, ngoằn ngoèo, giặt giũ, khuỷu tay, rượu, hươu, "
    "yểu điệu, ỷ lại, Ông Ơn, Ưng Đạt, Ăn Âu Ê.",
]


def corpus_dir() -> Path:
    if CORPUS.is_dir() and any(CORPUS.glob("*.txt")):
        return CORPUS
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but the shared corpus is missing at {CORPUS}")
    pytest.skip(f"shared corpus not found at {CORPUS}")


def corpus_text(prefix: str) -> str:
    (path,) = corpus_dir().glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- legacy encodings
def encode_legacy(s: str, encoding: str) -> str:
    """Unicode → TCVN3/VNI mojibake, as a cp1252 reader would show the legacy bytes."""
    table = legacy_encodings.TCVN3_ENCODE if encoding == "tcvn3" else legacy_encodings.VNI_ENCODE
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", s))


def lower_toned_capitals(s: str) -> str:
    """TCVN3 has no codes for toned capitals: they come back as lowercase letters."""
    tones = set("\u0300\u0301\u0303\u0309\u0323")
    return "".join(
        c.lower() if c.isupper() and tones & set(unicodedata.normalize("NFD", c)) else c for c in s
    )


def test_tables_cover_all_134_vietnamese_letters():
    for table in (legacy_encodings.TCVN3_ENCODE, legacy_encodings.VNI_ENCODE):
        assert len(table) == 134
        assert sum(c.islower() for c in table) == 67
    vni_back = {text.convert_legacy(code, "vni") for code in legacy_encodings.VNI_ENCODE.values()}
    assert vni_back == set(legacy_encodings.VNI_ENCODE)


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_round_trip(sentence, encoding):
    mojibake = encode_legacy(sentence, encoding)
    assert mojibake != sentence
    assert text.detect_legacy_encoding(mojibake) == encoding
    expected = lower_toned_capitals(sentence) if encoding == "tcvn3" else sentence
    assert text.convert_legacy(mojibake, encoding) == expected


def test_known_mojibake_samples():
    assert text.convert_legacy("QuyÕt ®Þnh", "tcvn3") == "Quyết định"
    assert text.convert_legacy("Quyeát ñònh", "vni") == "Quyết định"


@pytest.mark.parametrize(
    "s",
    [
        *SENTENCES,
        "The café served crème brûlée; naïve résumé writers met in São Paulo.",
        "Smart city plan for Hà Nội and Đà Nẵng",
    ],
)
def test_legacy_detection_does_not_fire_on_unicode(s):
    assert text.detect_legacy_encoding(s) is None


def test_repair_converts_legacy_and_flags_it():
    repaired, flags = text.repair(encode_legacy(SENTENCES[0], "vni"))
    assert repaired == SENTENCES[0]
    assert flags == ("encoding:vni",)


def test_nfd_input_comes_out_nfc():
    nfd = unicodedata.normalize("NFD", SENTENCES[2])
    assert nfd != SENTENCES[2]
    assert text.nfc(nfd) == SENTENCES[2]
    assert text.repair(nfd) == (SENTENCES[2], ())


# ---------------------------------------------------------------------------- bytes
def cp1258_bytes(s: str) -> bytes:
    """Vietnamese in Windows-1258: base letters with vowel marks, tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", s):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize(
                "NFC", "".join(p for p in parts if p not in "\u0300\u0301\u0303\u0309\u0323")
            )
            tone = "".join(p for p in parts if p in "\u0300\u0301\u0303\u0309\u0323")
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def test_decode_cp1258():
    data = cp1258_bytes(SENTENCES[2])
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert text.decode_bytes(data, "a.txt") == (SENTENCES[2], ("encoding:cp1258",))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_decode_utf16_with_bom(codec):
    data = SENTENCES[0].encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert text.decode_bytes(data, "a.txt") == (SENTENCES[0], ("encoding:utf-16",))


def test_decode_utf8_bom_and_plain():
    assert text.decode_bytes(b"\xef\xbb\xbf" + SENTENCES[1].encode(), "a.txt") == (SENTENCES[1], ())
    assert text.decode_bytes(SENTENCES[1].encode(), "a.txt") == (SENTENCES[1], ())


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_decode_legacy_bytes(encoding):
    data = encode_legacy(SENTENCES[2], encoding).encode("cp1252")
    decoded, flags = text.decode_bytes(data, "a.txt")
    assert flags == (f"encoding:{encoding}",)
    expected = lower_toned_capitals(SENTENCES[2]) if encoding == "tcvn3" else SENTENCES[2]
    assert decoded == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary data, not text"),
        (bytes(range(1, 32)) * 10, "binary data, not text"),
        (b"", "empty file"),
        (b"  \n\t \r\n", "empty file"),
    ],
)
def test_decode_rejects_binary_and_empty(data, reason):
    with pytest.raises(LoadError) as err:
        text.decode_bytes(data, "docs/x.txt")
    assert err.value.path == "docs/x.txt"
    assert err.value.reason == reason


# ---------------------------------------------------------------------------- whitespace
def test_clean_whitespace_joins_broken_lines_and_dehyphenates():
    raw = (
        "Ông Phan Thảo Nguyên (Bộ TT&TT) chia sẻ\nvề thực trạng phát triển đô thị.\n"
        "The infor-\nmation system follows Resolution 52-\nNQ/TW and the 2018-\n2025 plan.\n"
        "Việt Nam -\nHàn Quốc hợp tác, theo Nghị quyết 52-NQ/TW.\n\n\n\n"
        "Chương I\nquy định chung\u00a0\u00a0và\u200b phạm vi\t áp dụng\n- mục một\n- mục hai"
    )
    assert text.clean_whitespace(raw) == (
        "Ông Phan Thảo Nguyên (Bộ TT&TT) chia sẻ về thực trạng phát triển đô thị.\n"
        "The information system follows Resolution 52-NQ/TW and the 2018-2025 plan.\n"
        "Việt Nam -\nHàn Quốc hợp tác, theo Nghị quyết 52-NQ/TW.\n\n"
        "Chương I\nquy định chung và phạm vi áp dụng\n- mục một\n- mục hai"
    )


def test_clean_whitespace_keeps_headings_on_their_own_line():
    raw = "## Mục tiêu\nxây dựng đô thị\nĐiều 2\nthông minh"
    assert text.clean_whitespace(raw) == "## Mục tiêu\nxây dựng đô thị\nĐiều 2\nthông minh"


# ---------------------------------------------------------------------------- damage
def test_damage_flags_004_only():
    scores = {
        p: text.damage_score(text.repair(corpus_text(p))[0])
        for p in ["000", "001", "002", "003", "004"]
    }
    assert scores["004"] >= 0.15, scores
    for prefix in ("000", "001", "002", "003"):
        assert scores[prefix] < 0.02, scores
    assert "damaged_diacritics" in text.repair(corpus_text("004"))[1]
    assert "damaged_diacritics" not in text.repair(corpus_text("001"))[1]


def test_damaged_spans_are_the_broken_paragraphs():
    s = text.repair(corpus_text("004"))[0]
    spans = text.damaged_spans(s)
    assert spans
    assert any("tnh, thành" in s[a:b] for a, b in spans)
    assert not any(s[a:b].startswith("Phát triển đô thị thông minh cũng") for a, b in spans)


def test_damage_ignores_english_and_flags_unaccented_vietnamese():
    english = (
        "The Prime Minister approved Decision 950 on sustainable smart city development. Mr. Smith "
        "said the plan would cost $2.5 billion by 2025, with strong support from Dr. Lee and KPMG."
    )
    assert text.damage_score(english) == 0.0
    assert not text.is_damaged(english)
    unaccented = (
        "Quyet dinh phe duyet de an phat trien do thi thong minh ben vung o Viet Nam giai doan "
        "2018 - 2025 cua Thu tuong Chinh phu duoc ban hanh, cac tinh thanh pho dong loat trien khai"
    )
    assert text.is_damaged(unaccented)
    assert not text.is_damaged(SENTENCES[2] + " " + SENTENCES[0])


# ---------------------------------------------------------------------------- fold, language
@pytest.mark.parametrize(
    ("s", "folded"),
    [
        ("Đề án 950 được phê duyệt", "de an 950 duoc phe duyet"),
        ("ĐÔ THỊ THÔNG MINH", "do thi thong minh"),
        (unicodedata.normalize("NFD", "Hưởng lợi"), "huong loi"),
        ("Smart City", "smart city"),
    ],
)
def test_fold(s, folded):
    assert text.fold(s) == folded


@pytest.mark.parametrize(
    ("s", "language"),
    [
        ("de an 950 duoc phe duyet ngay nao", "vi"),
        ("do thi thong minh la gi", "vi"),
        ("thanh pho thong minh o dau", "vi"),
        ("chuyen doi so", "vi"),
        ("Quyết định 950/QĐ-TTg", "vi"),
        ("Đề án 950 được phê duyệt khi nào?", "vi"),
        ("Hà Nội", "vi"),
        ("When was Decision 950 approved?", "en"),
        ("What is a smart city?", "en"),
        ("How many cities?", "en"),
        ("Which ministry issued 829/QD-BTTTT?", "en"),
        ("Smart city", "en"),
        ("When was Đề án 950 approved by the government?", "en"),
    ],
)
def test_detect_language(s, language):
    assert text.detect_language(s) == language


def test_detect_language_on_articles():
    assert text.detect_language(corpus_text("002")) == "vi"


# ---------------------------------------------------------------------------- sentences
def test_split_sentences_keeps_numbers_and_abbreviations():
    s = (
        "Theo TS. Nguyễn Văn A, Quyết định 950/QĐ-TTg ngày 1.8.2018 dành 1.000 tỷ đồng cho "
        "TP.HCM. Đây là bước tiến! Bộ TT&TT cho biết: “Sẽ triển khai.” Ông B. Trần nói vậy.\n\n"
        "## Mục tiêu\n- Một là\n1. Xây dựng\nđô thị thông minh\n"
        "Dr. Lee, e.g. the U.S. team, met Mr. Wong. No. 5 is next? Yes… fine."
    )
    sentences = text.split_sentences(s, "vi")
    assert sentences == [
        "Theo TS. Nguyễn Văn A, Quyết định 950/QĐ-TTg ngày 1.8.2018 dành 1.000 tỷ đồng cho TP.HCM.",
        "Đây là bước tiến!",
        "Bộ TT&TT cho biết: “Sẽ triển khai.”",
        "Ông B. Trần nói vậy.",
        "## Mục tiêu",
        "- Một là",
        "1. Xây dựng\nđô thị thông minh",
        "Dr. Lee, e.g. the U.S. team, met Mr. Wong.",
        "No. 5 is next?",
        "Yes… fine.",
    ]
    assert all(sentence in s for sentence in sentences)


def test_split_sentences_on_article_are_substrings():
    s = corpus_text("003")
    sentences = text.split_sentences(s, "vi")
    assert len(sentences) > 15
    assert all(sentence in s and sentence == sentence.strip() for sentence in sentences)


# ---------------------------------------------------------------------------- tokens
def test_word_tokens_vietnamese_compounds_numbers_and_stop_words():
    tokens = text.word_tokens(
        "Quyết định 950/QĐ-TTg của Thủ tướng về đô thị thông minh tại TP.HCM với 1.000 tỷ đồng",
        "vi",
    )
    assert tokens == [
        "quyết_định", "950/qđ-ttg", "thủ_tướng", "đô_thị", "thông_minh", "tp.hcm", "1.000", "tỷ", "đồng",
    ]  # fmt: skip


def test_word_tokens_english():
    assert text.word_tokens("When was the Decision No. 950/QD-TTg approved?", "en") == [
        "decision", "950/qd-ttg", "approved",
    ]  # fmt: skip


def test_folded_tokens_match_unaccented_query():
    doc = text.folded_tokens("Đề án 950 đã được Thủ tướng phê duyệt vào ngày 1/8/2018.", "vi")
    query = text.folded_tokens("de an 950 duoc phe duyet ngay nao", "vi")
    for term in ("de", "an", "950", "phe", "duyet", "de_an", "phe_duyet"):
        assert term in doc and term in query
    assert "duoc" not in query and "duoc" not in doc


def test_key_terms():
    assert text.key_terms("Đề án 950 được phê duyệt khi nào?", "vi") == [
        "de", "an", "950", "phe", "duyet",
    ]  # fmt: skip
    assert text.key_terms("de an 950 duoc phe duyet ngay nao", "vi") == [
        "de", "an", "950", "phe", "duyet", "ngay",
    ]  # fmt: skip
    assert text.key_terms("How many smart cities will Vietnam have by 2025?", "en") == [
        "smart", "cities", "vietnam", "2025",
    ]  # fmt: skip
    assert text.key_terms("Bao nhiêu đô thị thông minh?", "vi") == ["do", "thi", "thong", "minh"]
    assert text.key_terms("do thi thong minh la gi", "vi") == ["do", "thi", "thong", "minh"]
    assert text.key_terms("chuyen doi so", "vi") == ["chuyen", "doi", "so"]
    assert text.key_terms("Chuyển đổi số do ai làm?", "vi") == ["chuyen", "doi", "so", "lam"]
