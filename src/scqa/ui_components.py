"""Formatting for the Gradio app: answers and sources as HTML, tables as rows, safe upload names.

Pure functions of scqa's own types; `ui.py` wires them to components.
"""

from __future__ import annotations

import html
import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from .generation import why
from .types import Answer, Hit, IngestReport
from .ui_i18n import STATUS_WORDS, t

UPLOAD_TYPES = [".pdf", ".txt", ".md", ".markdown", ".html", ".htm"]
_UNSAFE = re.compile(r"[^\w.\- ()]+")  # \w is Unicode-aware: Vietnamese letters stay
_MAX_NAME = 120

CSS = """
.scqa-sources { max-height: 640px; overflow-y: auto; }
.scqa-card { border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 10px 12px; margin-bottom: 10px; background: var(--background-fill-secondary); }
.scqa-card h4 { margin: 0 0 4px 0; font-size: 0.98em; }
.scqa-n { display: inline-block; min-width: 1.8em; text-align: center; border-radius: 4px;
  background: #2563eb; color: white; font-weight: 600; margin-right: 6px; padding: 0 4px; }
.scqa-meta { color: var(--body-text-color-subdued); font-size: 0.85em; margin-bottom: 6px; }
.scqa-chunk { font-size: 0.9em; line-height: 1.45; white-space: pre-wrap; }
.scqa-chunk mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 2px; }
.scqa-abstain { border: 1px solid #f59e0b; background: #fffbeb; color: #92400e;
  border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; }
.scqa-abstain-msg { border-left: 4px solid #f59e0b; background: #fffbeb; color: #92400e;
  padding: 6px 10px; border-radius: 4px; font-style: italic; }
.scqa-why { font-size: 0.9em; opacity: 0.85; }
.scqa-table, .scqa-table * { font-family: var(--font) !important; }
.scqa-empty { color: var(--body-text-color-subdued); font-style: italic; padding: 8px; }
.scqa-answered-by { color: var(--body-text-color-subdued); font-size: 0.8em; }
.scqa-backend { color: var(--body-text-color-subdued); font-size: 0.85em; }
"""


# -- uploads -----------------------------------------------------------------------------------
def safe_name(name: str) -> str:
    """A file name safe to create inside the upload folder: no folders, no traversal, no
    control or shell characters; Vietnamese letters, digits, spaces, `.-_()` kept (NFC)."""
    base = PureWindowsPath(PurePosixPath(str(name)).name).name
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base)
    base = re.sub(r"\s+", " ", base).strip(" .")
    base = re.sub(r"\.{2,}", ".", base)
    if not base or set(base) <= {"_", "."}:
        base = "upload"
    if len(base) > _MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:10] if dot else ""
        base = (stem if dot else base)[: _MAX_NAME - len(ext) - 1] + (f".{ext}" if ext else "")
    return base


def copy_uploads(
    paths: list[str], upload_dir: Path, max_bytes: int
) -> tuple[list[Path], list[tuple[str, str]]]:
    """Copy uploaded temp files into `upload_dir` under safe names. Returns (copied paths,
    [(name, reason)] of files refused for their size)."""
    upload_dir.mkdir(parents=True, exist_ok=True)
    copied: list[Path] = []
    refused: list[tuple[str, str]] = []
    for p in paths:
        src = Path(p)
        name = safe_name(src.name)
        if src.stat().st_size > max_bytes:
            refused.append((name, "too_large"))
            continue
        dst = upload_dir / name
        shutil.copyfile(src, dst)
        copied.append(dst)
    return copied, refused


def remove_upload(upload_dir: Path, source: str) -> bool:
    """Delete the app's copy of an uploaded file once its document is deleted. Only a file
    directly inside `upload_dir` is touched; returns whether one was removed."""
    target = (upload_dir / source).resolve()
    if target.parent != upload_dir.resolve() or not target.is_file():
        return False
    target.unlink()
    return True


# -- answers -----------------------------------------------------------------------------------
def backend_line(answer: Answer, lang: str) -> str:
    seconds = answer.timings_ms.get("total", 0.0) / 1000
    return f"{t(lang, 'answered_by')}: {answer.backend} · {seconds:.1f} s"


def chat_message(answer: Answer, lang: str) -> str:
    """The final assistant message: the answer (abstentions marked), then who answered."""
    if answer.abstained:
        why = f'<br><span class="scqa-why">{html.escape(answer.why)}</span>' if answer.why else ""
        body = f'<div class="scqa-abstain-msg">⚠ {html.escape(answer.text)}{why}</div>'
    else:
        body = answer.text
    meta = f'\n\n<div class="scqa-answered-by">{html.escape(backend_line(answer, lang))}'
    if answer.standalone_question:
        q = html.escape(answer.standalone_question)
        meta += f"<br>{t(lang, 'followup_as')}: “{q}”"
    if answer.translated_query:
        q = html.escape(answer.translated_query)
        meta += f"<br>{t(lang, 'translated_as')}: “{q}”"
    if answer.restored_query:
        q = html.escape(answer.restored_query)
        meta += f"<br>{t(lang, 'restored_as')}: “{q}”"
    meta += "</div>"
    return body + meta


def highlight(chunk_text: str, quote: str) -> str:
    """The chunk, HTML-escaped, with `quote` inside <mark> (whitespace-tolerant)."""
    quote = quote.strip()
    if not quote:
        return html.escape(chunk_text)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, chunk_text)
    if m is None:  # the quote was re-joined from several spots: show it above the chunk
        return f"<mark>{html.escape(quote)}</mark>\n…\n{html.escape(chunk_text)}"
    before, found, after = chunk_text[: m.start()], m.group(0), chunk_text[m.end() :]
    return f"{html.escape(before)}<mark>{html.escape(found)}</mark>{html.escape(after)}"


def _card(
    n: int | None, title: str, source: str, page: int | None, score: float, body: str, lang: str
) -> str:
    badge = f'<span class="scqa-n">[{n}]</span>' if n is not None else ""
    page_txt = f" · {t(lang, 'page')} {page}" if page else ""
    return (
        '<div class="scqa-card">'
        f"<h4>{badge}{html.escape(title or source)}</h4>"
        f'<div class="scqa-meta">{html.escape(source)}{page_txt} · '
        f"{t(lang, 'score')} {score:.3f}</div>"
        f'<div class="scqa-chunk">{body}</div></div>'
    )


def sources_html(answer: Answer | None, lang: str) -> str:
    """The sources panel: each cited passage with its quote highlighted; for an abstention, a
    warning and the closest passages."""
    if answer is None:
        return f'<div class="scqa-empty">{t(lang, "sources_empty")}</div>'
    hits: dict[str, Hit] = {h.chunk.id: h for h in answer.retrieved}
    parts = []
    if answer.abstained:
        reason = why(answer.abstain_reason, answer.abstain_detail, lang)  # the interface's
        parts.append(
            f'<div class="scqa-abstain">⚠ <b>{t(lang, "abstained")}</b><br>'
            f"{html.escape(reason)}{' ' if reason else ''}{t(lang, 'abstained_note')}</div>"
        )
        for h in answer.retrieved[:3]:
            c = h.chunk
            parts.append(_card(None, c.title, c.source, c.page, h.score, html.escape(c.text), lang))
    for c in answer.citations:
        hit = hits.get(c.chunk_id)
        body = highlight(hit.chunk.text, c.text) if hit else f"<mark>{html.escape(c.text)}</mark>"
        parts.append(_card(c.n, c.title, c.source, c.page, c.score, body, lang))
    parts.append(f'<div class="scqa-backend">{html.escape(backend_line(answer, lang))}</div>')
    return '<div class="scqa-sources">' + "".join(parts) + "</div>"


# -- inputs and tables ------------------------------------------------------------------------------------
def search_filters(
    sources: list[str] | None, language: str, date_from: str, date_to: str
) -> dict[str, Any]:
    """The Settings tab's filter widgets as `Assistant.ask(filters=...)`."""
    return {
        "sources": list(sources or []),
        "language": language if language in ("vi", "en") else None,
        "date_from": (date_from or "").strip() or None,
        "date_to": (date_to or "").strip() or None,
    }


def table_value(headers: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    """A Dataframe value; one blank row when empty, so the headers still show."""
    return {"headers": headers, "data": rows or [[""] * len(headers)]}


def ingest_headers(lang: str) -> list[str]:
    return [t(lang, k) for k in ("col_file", "col_status", "col_chunks", "col_reason")]


def ingest_rows(
    report: IngestReport | None, refused: list[tuple[str, str]], lang: str, max_mb: float
) -> list[list[Any]]:
    words = STATUS_WORDS.get(lang, STATUS_WORDS["en"])
    rows = [[name, words["failed"], 0, t(lang, reason, mb=max_mb)] for name, reason in refused]
    for f in report.files if report else []:
        rows.append([f.source, words.get(f.status, f.status), f.chunks, f.reason])
    return rows


def ingest_summary(report: IngestReport | None, refused: int, lang: str) -> str:
    counts = {s: report.count(s) if report else 0 for s in ("added", "updated", "unchanged")}
    failed = (report.count("failed") if report else 0) + refused
    return t(lang, "ingested", failed=failed, **counts)


def document_headers(lang: str) -> list[str]:
    keys = ("col_title", "col_file", "col_language", "col_date", "col_chunks", "col_flags")
    return [t(lang, k) for k in keys]


def document_rows(documents: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [d["title"], d["source"], d["language"], d["date"] or "", d["chunks"], d["flags"] or ""]
        for d in sorted(documents, key=lambda d: d["source"])
    ]


def stats_markdown(stats: dict[str, Any], lang: str) -> str:
    lines = [f"| {t(lang, 'col_item')} | {t(lang, 'col_value')} |", "|---|---|"]
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in value.items()) or "–"
        lines.append(f"| {key} | {html.escape(str(value))} |")
    return "\n".join(lines)
