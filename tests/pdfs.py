"""Build real PDFs for tests with fpdf2 and matplotlib's DejaVu Sans (it covers Vietnamese)."""

from __future__ import annotations

from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import EncryptionMethod

FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=12)
    return pdf


def text_pdf(
    path: Path,
    pages: list[str],
    *,
    title: str | None = None,
    owner_password: str | None = None,
    user_password: str = "",
) -> Path:
    """One page per string (an empty string gives a blank page); optionally encrypted (AES)."""
    pdf = _pdf()
    if title:
        pdf.set_title(title)
    if owner_password:
        pdf.set_encryption(
            owner_password=owner_password,
            user_password=user_password,
            encryption_method=EncryptionMethod.AES_128,
        )
    for body in pages:
        pdf.add_page()
        if body:
            pdf.multi_cell(0, 8, body)
    pdf.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A page with nothing but a drawn rectangle: no text layer, as a scan would have."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_fill_color(40, 40, 40)
    pdf.rect(20, 20, 120, 80, style="F")
    pdf.output(str(path))
    return path
