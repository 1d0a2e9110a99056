"""Files → `Document`s: PDF (pypdf), plain text, Markdown and HTML, repaired by `scqa.text`.

The only module that imports pypdf. Every failure is a `LoadError` naming the file and a reason a
person can act on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from scqa import text as vtext
from scqa.errors import LoadError, UnsupportedFile
from scqa.types import Document, Page


def _words(s: str) -> list[str]:
    return s.split()


logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".html", ".htm")
_FORMATS = {".pdf": "pdf", ".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html"}
_FORMATS[".htm"] = "html"


def load(path: Path, root: Path, *, max_bytes: int = 20 * 1024 * 1024) -> Document:
    """Read, decode and repair one file under `root`."""
    path, root = Path(path), Path(root)
    source = _source(path, root)
    suffix = path.suffix.lower()
    if suffix not in _FORMATS:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedFile(
            path, f"unsupported format {suffix or '(none)'!r}: scqa reads {supported}"
        )
    try:
        size = path.stat().st_size
    except OSError as e:
        raise LoadError(path, f"cannot read file: {e.strerror or e}") from e
    if size == 0:
        raise LoadError(path, "empty file")
    if size > max_bytes:
        raise LoadError(
            path,
            f"file is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit "
            "(SCQA_MAX_FILE_MB)",
        )
    data = path.read_bytes()
    fmt = _FORMATS[suffix]
    reader = {"pdf": _read_pdf, "txt": _read_txt, "md": _read_md, "html": _read_html}[fmt]
    pages, title, flags = reader(data, path)
    pages = [p for p in pages if p.text.strip()]
    if not pages:
        raise LoadError(path, "no text left after cleaning and repair")
    body = "\n\n".join(p.text for p in pages)
    if not title:
        title = _first_line(body) if fmt in ("txt", "pdf") else ""
    return Document(
        source=source,
        title=title or path.stem,
        language=vtext.detect_language(body),
        content_hash=hashlib.sha256(data).hexdigest(),
        pages=pages,
        date=next(iter(find_dates(body)), None),
        doc_number=next(iter(find_doc_numbers(body)), None),
        flags=tuple(dict.fromkeys(flags)),
        format=fmt,
    )


def _source(path: Path, root: Path) -> str:
    real, real_root = path.resolve(), root.resolve()
    if real_root.is_file() or path == root:
        if real != real_root:
            raise LoadError(path, "symlink points outside the ingested root")
        return path.name
    if not real.is_relative_to(real_root):
        if any(p.is_symlink() for p in (path, *path.parents)):
            raise LoadError(path, "symlink points outside the ingested root")
        raise LoadError(path, f"file is outside the ingested root {root}")
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return real.relative_to(real_root).as_posix()


# A scraped news page often opens with its dateline alone on a line: "Thứ tư 27/11/2024 21:41",
# "Chủ nhật, 10/11/2024 - 08:15 (GMT+7)", "Monday, 11/10/2024". It is no title.
_DATELINE = re.compile(
    r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ\s+nhật|(?:mon|tue|wed|thu|fri|sat|sun)\w*)"
    r"[,\s-]*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[,\s|-]+\d{1,2}[:h]\d{2}(?::\d{2})?)?"
    r"(?:\s*\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}\)?)?",
    re.IGNORECASE,
)


# A photo's credit closing its caption: "... tại Việt Nam. Ảnh: Trọng Đạt", "(Ảnh: TTXVN)".
_PHOTO_CREDIT = re.compile(
    r"\s*[(\[]?\s*(?<!\w)(?:ảnh|nguồn ảnh|photo|photograph)\s*:\s*[^.()\[\]]{1,60}[)\]]?\s*$",
    re.IGNORECASE,
)


def _first_line(body: str) -> str:
    """The first line that is not empty nor a bare dateline, at most 200 characters. A line
    that stops mid-sentence and goes on, lower-case, on the next line is one line wrapped (a
    scraped photo caption), and a closing photo credit is no part of a title."""
    lines = [ln.strip().lstrip("#").strip() for ln in body.splitlines()]
    for i, line in enumerate(lines):
        if not line or _DATELINE.fullmatch(line):
            continue
        for more in lines[i + 1 :]:
            if len(line) > 200 or line[-1] in ".!?:;" or not more[:1].islower():
                break
            line = f"{line} {more}"
        line = _PHOTO_CREDIT.sub("", line).strip() or line
        return line if len(line) <= 200 else line[:199].rsplit(" ", 1)[0] + "…"
    return ""


# ---------------------------------------------------------------------------- readers
_Result = tuple[list[Page], str, tuple[str, ...]]


def _read_txt(data: bytes, path: Path) -> _Result:
    raw, enc_flags = vtext.decode_bytes(data, str(path))
    body, flags = vtext.repair(raw)
    return [Page(body)], "", enc_flags + flags


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)\n.*?\n(?:---|\+\+\+|\.\.\.)\n", re.DOTALL)
_MD_RULES = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.MULTILINE), ""),  # [ref]: url
    (re.compile(r"`+([^`\n]+)`+"), r"\1"),  # inline code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *italic*
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),  # _italic_
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"^[ \t]*(?:```|~~~).*\n?", re.MULTILINE), ""),  # code fences
    (
        re.compile(
            r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*\n?", re.M
        ),
        "",
    ),
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # blockquotes
    (re.compile(r"^(\s*)[*+]\s+", re.MULTILINE), r"\1- "),  # bullets → "- "
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
)
_SETEXT = re.compile(r"^(?P<text>[^\n#>|-][^\n]*)\n(?P<bar>=+|-+)[ \t]*$", re.MULTILINE)


def markdown_to_text(md: str) -> tuple[str, str]:
    """(plain text keeping "#" heading lines, the title from the first "# " heading)."""
    md = md.replace("\r\n", "\n")
    front = _FRONT_MATTER.match(md)
    meta_title = ""
    if front:
        m = re.search(r"^title:\s*[\"']?(.+?)[\"']?\s*$", front.group(), re.MULTILINE)
        meta_title = m.group(1) if m else ""
        md = md[front.end() :]
    md = _SETEXT.sub(lambda m: ("# " if m["bar"][0] == "=" else "## ") + m["text"], md)
    for pattern, repl in _MD_RULES:
        md = pattern.sub(repl, md)
    h1 = re.search(r"^#\s+(.+?)\s*#*\s*$", md, re.MULTILINE)
    return md, (h1.group(1).strip() if h1 else meta_title)


def _read_md(data: bytes, path: Path) -> _Result:
    raw, enc_flags = vtext.decode_bytes(data, str(path))
    body, title = markdown_to_text(raw)
    body, flags = vtext.repair(body)
    return [Page(body)], vtext.nfc(title), enc_flags + flags


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)


def _decode_html(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    m = _META_CHARSET.search(data[:4096])
    charset = m.group(1).decode("ascii").lower() if m else ""
    if charset and charset not in ("utf-8", "utf8") and not data.startswith(b"\xef\xbb\xbf"):
        try:
            return vtext.nfc(data.decode(charset)), (f"encoding:{charset}",)
        except (LookupError, UnicodeDecodeError):
            logger.info("%s: declared charset %s does not decode it", path, charset)
    return vtext.decode_bytes(data, str(path))


def _read_html(data: bytes, path: Path) -> _Result:
    raw, enc_flags = _decode_html(data, path)
    body, title = html_to_text(raw)
    body, flags = vtext.repair(body)
    return [Page(body)], vtext.nfc(title), enc_flags + flags


# ---------------------------------------------------------------------------- HTML
_SKIP_TAGS = frozenset(
    _words("script style noscript nav header footer aside form iframe svg template button select")
)
_BOILERPLATE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|footer|sidebar|cookie|cookies|breadcrumbs?|share|sharing|"
    r"social|comments?|banner|advert|ads|related)($|[\s_-])",
    re.IGNORECASE,
)
_VOID = frozenset(_words("area base br col embed hr img input link meta source track wbr"))
_BLOCKS = frozenset(
    _words(
        "p div section article main li ul ol table tr blockquote pre dd dt dl figcaption figure "
        "h1 h2 h3 h4 h5 h6 br hr title body"
    )
)


class _HtmlText(HTMLParser):
    """Collects main-text blocks; tracks <title>, the first <h1> and <main>/<article>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, inside main)
        self.blocks: list[tuple[str, bool]] = []  # (text, inside main)
        self.buf: list[str] = []
        self.prefix = ""
        self.title = ""
        self.h1 = ""
        self.has_main = False

    @property
    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    @property
    def _in_main(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def _flush(self) -> None:
        line = " ".join("".join(self.buf).split())
        if line:
            self.blocks.append((self.prefix + line, self._in_main))
        self.buf, self.prefix = [], ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in ("td", "th") and self.buf:
            self.buf.append(" | ")
        if tag in _VOID:
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        skip = self._skipping or tag in _SKIP_TAGS or bool(_BOILERPLATE.search(marks))
        main = self._in_main or tag in ("main", "article") or "main" in marks.split()
        self.has_main |= main and not skip
        self.stack.append((tag, skip, main))
        if re.fullmatch(r"h[1-6]", tag):
            self.prefix = "#" * int(tag[1]) + " "
        elif tag == "li":
            self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag in ("td", "th"):
            text = " ".join("".join(self.buf).split())
            if tag == "title" and not self.title:
                self.title, self.buf = text, []
            elif tag == "h1" and not self.h1 and not self._skipping:
                self.h1 = text
            if tag in _BLOCKS:
                self._flush()
        if any(t == tag for t, _, _ in self.stack):
            while self.stack and self.stack.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        inside_title = bool(self.stack) and self.stack[-1][0] == "title"
        if inside_title or not self._skipping:
            self.buf.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """(main text with "## heading" and "- item" lines, the <title> or first <h1>)."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    parser._flush()
    blocks = [t for t, main in parser.blocks if main or not parser.has_main]
    lines: list[str] = []
    for block in blocks:
        if lines and not (block.startswith("- ") and lines[-1].startswith("- ")):
            lines.append("")
        lines.append(block)
    return "\n".join(lines), parser.title or parser.h1


_BAD_PDF_TITLE = re.compile(r"^(untitled|microsoft \w+ - |document\d*$|.*\.(docx?|pdf|odt)$)", re.I)


def _read_pdf(data: bytes, path: Path) -> _Result:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError(path, "encrypted PDF: a password is needed")
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
        meta_title = str(meta.title or "").strip() if meta else ""
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as e:
        raise LoadError(path, f"not a readable PDF: {e}") from e
    except Exception as e:  # pypdf raises many types on broken files
        if type(e).__module__.startswith("pypdf"):
            raise LoadError(path, f"not a readable PDF: {e}") from e
        raise
    pages: list[Page] = []
    flags: list[str] = []
    for number, raw in enumerate(raw_pages, start=1):
        page_text, page_flags = vtext.repair(raw) if raw.strip() else ("", ())
        if page_text.strip():
            pages.append(Page(page_text, number))
            flags.extend(page_flags)
    if not pages:
        raise LoadError(path, "PDF has no text layer (scanned image?): it needs OCR")
    title = vtext.nfc(meta_title)
    if len(title) < 3 or not re.search(r"[^\W\d_]", title) or _BAD_PDF_TITLE.match(title):
        title = ""
    return pages, title, tuple(flags)


# ---------------------------------------------------------------------------- dates, numbers
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),  # fmt: skip
        start=1,
    )
    for m in names.split()
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    (re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])"), "dmy"),
    (re.compile(r"(?<![\d/.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])"), "ymd"),
    (re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I), "vi"),
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), "mdy"),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I),
        "dmy_en",
    ),
)


def _to_date(kind: str, g: tuple[str, ...]) -> dt.date:
    if kind == "dmy":
        return dt.date(int(g[3]), int(g[2]), int(g[0]))
    if kind == "ymd":
        return dt.date(int(g[0]), int(g[1]), int(g[2]))
    if kind == "vi":
        return dt.date(int(g[2]), int(g[1]), int(g[0]))
    if kind == "mdy":
        return dt.date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
    return dt.date(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))


def find_dates(text: str) -> list[str]:
    """Valid calendar dates in order of appearance, as ISO yyyy-mm-dd."""
    found: list[tuple[int, str]] = []
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                day = _to_date(kind, m.groups())
            except ValueError:
                continue
            if 1900 <= day.year <= 2100:
                found.append((m.start(), day.isoformat()))
    return list(dict.fromkeys(iso for _, iso in sorted(found)))


_DOC_NUMBER = re.compile(
    r"(?<![\w/.-])\d{1,5}(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ&]*)+(?![\w/])"
)


def find_doc_numbers(text: str) -> list[str]:
    """Vietnamese legal document numbers ("950/QĐ-TTg", "52-NQ/TW", "18/2023/NĐ-CP")."""
    return list(dict.fromkeys(m.group() for m in _DOC_NUMBER.finditer(vtext.nfc(text))))
