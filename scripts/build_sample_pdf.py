"""Build ingest/so-tay-do-thi-thong-minh-khai-niem-va-tieu-chi.pdf.

Provenance: the text of this handbook was written from scratch for the scqa
sample corpus (original sentences, facts from public knowledge; nothing is
copied from news articles or official documents). Numbers are only given where
the authors were confident of them. It is a bilingual (Vietnamese/English)
glossary of smart-city terms with one section per page.

The output is deterministic: fixed creation date, embedded DejaVu fonts taken
from matplotlib's data directory, and no timestamps in the body.

Usage: .venv/bin/python scripts/build_sample_pdf.py [output_path]
"""

from __future__ import annotations

import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import matplotlib
from fpdf import FPDF

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "ingest" / "so-tay-do-thi-thong-minh-khai-niem-va-tieu-chi.pdf"
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"

TITLE = "SỔ TAY ĐÔ THỊ THÔNG MINH: KHÁI NIỆM VÀ TIÊU CHÍ"
SUBTITLE = "Smart City Handbook: Concepts and Criteria (Vietnamese - English glossary)"
INTRO = (
    "Sổ tay này do nhóm biên soạn dự án scqa tự viết để phục vụ thử nghiệm hệ thống hỏi đáp. "
    "Mỗi trang trình bày một phần: khái niệm, các lĩnh vực, thuật ngữ về hạ tầng và dữ liệu, "
    "và các bộ tiêu chí đánh giá. Thuật ngữ được ghi bằng tiếng Việt kèm tương đương tiếng Anh. "
    "Sổ tay không phải là văn bản pháp lý và không thay thế các văn bản chính thức."
)

# Each section: (heading, intro paragraph, [(term_vi, term_en, explanation_vi)], closing paragraph)
SECTIONS = [
    (
        "Phần 1. Khái niệm đô thị thông minh (Smart city concepts)",
        "Đô thị thông minh là đô thị sử dụng công nghệ thông tin và truyền thông cùng với dữ liệu "
        "để nâng cao chất lượng sống của người dân, hiệu quả quản lý của chính quyền và khả năng "
        "phát triển bền vững. Ở Việt Nam, khái niệm này gắn với Đề án phát triển đô thị thông minh "
        "bền vững Việt Nam giai đoạn 2018-2025 và định hướng đến năm 2030, được phê duyệt tại "
        "Quyết định số 950/QĐ-TTg ngày 1/8/2018 của Thủ tướng Chính phủ.",
        [
            (
                "Đô thị thông minh",
                "smart city",
                "đô thị dùng công nghệ và dữ liệu để phục vụ người dân và quản lý tốt hơn.",
            ),
            (
                "Đô thị thông minh bền vững",
                "smart sustainable city",
                "đô thị thông minh đồng thời đáp ứng các mục tiêu kinh tế, xã hội và môi trường, "
                "không đánh đổi lợi ích của thế hệ sau.",
            ),
            (
                "Chính quyền số",
                "digital government",
                "chính quyền vận hành chủ yếu dựa trên dữ liệu và môi trường số.",
            ),
            (
                "Chuyển đổi số",
                "digital transformation",
                "thay đổi toàn diện cách làm việc, sản xuất và sinh sống nhờ công nghệ số.",
            ),
            (
                "Lấy người dân làm trung tâm",
                "citizen-centred",
                "nguyên tắc thiết kế dịch vụ xuất phát từ nhu cầu của người dân.",
            ),
        ],
        "Ghi nhớ: công nghệ chỉ là công cụ; mục tiêu cuối cùng của đô thị thông minh là con người.",
    ),
    (
        "Phần 2. Sáu lĩnh vực của đô thị thông minh (Six smart-city dimensions)",
        "Một cách phân loại được dùng rộng rãi trong nghiên cứu chia đô thị thông minh thành sáu "
        "lĩnh vực. Cách phân loại này xuất phát từ một nghiên cứu năm 2007 của nhóm tác giả tại "
        "Đại học Công nghệ Viên (Áo) về các thành phố cỡ trung ở châu Âu, và sau đó được nhiều "
        "địa phương ở Việt Nam tham khảo khi xây dựng đề án.",
        [
            (
                "Kinh tế thông minh",
                "smart economy",
                "kinh tế dựa trên đổi mới sáng tạo, khởi nghiệp và năng suất cao.",
            ),
            (
                "Cư dân thông minh",
                "smart people",
                "người dân có kỹ năng, trình độ và tham gia vào đời sống đô thị.",
            ),
            (
                "Quản trị thông minh",
                "smart governance",
                "chính quyền minh bạch, có sự tham gia của người dân, cung cấp dịch vụ công trực tuyến.",
            ),
            (
                "Di chuyển thông minh",
                "smart mobility",
                "giao thông an toàn, kết nối, ưu tiên giao thông công cộng và có hệ thống thông tin giao thông.",
            ),
            (
                "Môi trường thông minh",
                "smart environment",
                "quản lý tài nguyên, năng lượng, chất thải và chất lượng không khí, nước một cách hiệu quả.",
            ),
            (
                "Cuộc sống thông minh",
                "smart living",
                "chất lượng sống tốt về y tế, giáo dục, nhà ở, văn hóa và an toàn.",
            ),
        ],
        "Lưu ý: sáu lĩnh vực này là khung tham khảo học thuật, không phải tiêu chí bắt buộc theo "
        "quy định pháp luật của Việt Nam.",
    ),
    (
        "Phần 3. Thuật ngữ về hạ tầng và dữ liệu (Infrastructure and data terms)",
        "Phần này giải thích các thuật ngữ kỹ thuật hay gặp trong các đề án đô thị thông minh và "
        "trong Khung tham chiếu ICT phát triển đô thị thông minh (phiên bản 1.0) do Bộ Thông tin "
        "và Truyền thông ban hành tại Quyết định số 829/QĐ-BTTTT ngày 31/5/2019.",
        [
            (
                "Trung tâm giám sát, điều hành đô thị thông minh",
                "intelligent operations centre (IOC)",
                "nơi tập hợp dữ liệu từ nhiều ngành để theo dõi tình hình đô thị và điều phối xử lý.",
            ),
            (
                "Internet vạn vật",
                "Internet of Things (IoT)",
                "mạng lưới cảm biến, thiết bị kết nối Internet để thu thập và trao đổi dữ liệu.",
            ),
            (
                "Dữ liệu mở",
                "open data",
                "dữ liệu được công bố để mọi người tự do sử dụng, tái sử dụng và chia sẻ.",
            ),
            (
                "Cơ sở dữ liệu dùng chung",
                "shared database",
                "dữ liệu được nhiều cơ quan cùng khai thác thay vì mỗi nơi lưu một bản riêng.",
            ),
            (
                "Bản sao số",
                "digital twin",
                "mô hình số của đô thị hoặc công trình, cập nhật theo dữ liệu thực để mô phỏng và dự báo.",
            ),
            (
                "Hệ thống thông tin địa lý",
                "geographic information system (GIS)",
                "hệ thống quản lý và phân tích dữ liệu gắn với vị trí trên bản đồ.",
            ),
            (
                "Khả năng tương tác",
                "interoperability",
                "khả năng các hệ thống khác nhau trao đổi và sử dụng dữ liệu của nhau.",
            ),
            (
                "An toàn thông tin",
                "information security",
                "bảo vệ hệ thống và dữ liệu khỏi truy cập, sửa đổi hoặc phá hoại trái phép.",
            ),
        ],
        "Gợi ý: khi đọc một đề án, hãy kiểm tra dữ liệu được chia sẻ ra sao trước khi xem thiết bị.",
    ),
    (
        "Phần 4. Tiêu chí và bộ chỉ số (Criteria and indicator sets)",
        "Để đánh giá một đô thị thông minh, nhiều tổ chức quốc tế đã xây dựng các bộ chỉ số. Các "
        "bộ chỉ số giúp so sánh giữa các đô thị và theo dõi tiến bộ theo thời gian, nhưng cần được "
        "điều chỉnh cho phù hợp với điều kiện của từng quốc gia.",
        [
            (
                "ISO 37120",
                "ISO 37120",
                "tiêu chuẩn quốc tế về các chỉ số cho dịch vụ đô thị và chất lượng sống; "
                "phiên bản đầu tiên được công bố năm 2014.",
            ),
            (
                "ISO 37122",
                "ISO 37122",
                "tiêu chuẩn quốc tế về các chỉ số cho đô thị thông minh, công bố năm 2019.",
            ),
            (
                "ISO 37123",
                "ISO 37123",
                "tiêu chuẩn quốc tế về các chỉ số cho đô thị có khả năng chống chịu, công bố năm 2019.",
            ),
            (
                "Bộ chỉ số U4SSC",
                "U4SSC key performance indicators",
                "bộ chỉ số hiệu quả cho đô thị thông minh bền vững do sáng kiến United for Smart "
                "Sustainable Cities, với sự tham gia của ITU và UNECE, xây dựng.",
            ),
            (
                "Chỉ số đổi mới sáng tạo toàn cầu",
                "Global Innovation Index (GII)",
                "bảng xếp hạng quốc gia về đổi mới sáng tạo, được nhắc tới trong Nghị quyết số "
                "52-NQ/TW ngày 27/9/2019 của Bộ Chính trị.",
            ),
        ],
        "Lưu ý: sổ tay này không trình bày bộ tiêu chí đánh giá đô thị thông minh riêng của Việt Nam "
        "và không nêu điểm số hay thứ hạng của bất kỳ đô thị nào.",
    ),
]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def build(out: Path) -> Path:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    pdf.set_title(nfc(TITLE))
    pdf.set_author("scqa sample corpus")
    pdf.set_subject("Smart city glossary (vi/en)")
    pdf.set_creator("scripts/build_sample_pdf.py")
    pdf.set_producer("fpdf2")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(auto=True, margin=20)

    for index, (heading, intro, terms, closing) in enumerate(SECTIONS):
        pdf.add_page()
        if index == 0:
            pdf.set_font("DejaVu", "B", 15)
            pdf.multi_cell(0, 8, nfc(TITLE), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 6, nfc(SUBTITLE), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(2)
            pdf.multi_cell(0, 6, nfc(INTRO), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.ln(4)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, nfc(heading), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1)
        pdf.set_font("DejaVu", "", 10.5)
        pdf.multi_cell(0, 6, nfc(intro), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(2)
        for term_vi, term_en, explanation in terms:
            pdf.set_font("DejaVu", "B", 10.5)
            label = term_vi if term_vi == term_en else f"{term_vi} ({term_en})"
            pdf.multi_cell(0, 6, nfc(label), new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(
                0,
                6,
                nfc(f"{term_vi[0].upper()}{term_vi[1:]}: {explanation}"),
                new_x="LMARGIN",
                new_y="NEXT",
                align="L",
            )
            pdf.ln(1.5)
        pdf.ln(2)
        pdf.multi_cell(0, 6, nfc(closing), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.set_auto_page_break(auto=False)
        pdf.set_y(-15)
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 5, f"Trang {index + 1}/{len(SECTIONS)}", align="C")
        pdf.set_auto_page_break(auto=True, margin=20)

    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    path = build(out)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
