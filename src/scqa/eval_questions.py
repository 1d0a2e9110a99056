"""Reference question sets: the JSONL format of eval/README.md, read and validated.

Every error names the file, the line and the field, so a broken set is fixed in one look.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InvalidRequest

REQUIRED = {
    "id": str,
    "question": str,
    "language": str,
    "answerable": bool,
    "must_include": list,
    "sources": list,
    "tags": list,
}
OPTIONAL = {"history": list, "reference_answer": str}
LANGUAGES = ("vi", "en")


class QuestionSetError(InvalidRequest):
    """A question set breaks the format; names the file, line and field."""

    def __init__(self, path: str | Path, line: int, field: str | None, reason: str):
        self.path, self.line, self.field, self.reason = str(path), line, field, reason
        where = f"{self.path}:{line}" + (f": field {field!r}" if field else "")
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Question:
    """One reference question. `set` is the stem of the file it came from."""

    id: str
    question: str
    language: str
    answerable: bool
    must_include: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    tags: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    reference_answer: str | None = None
    set: str = ""

    @property
    def key(self) -> str:
        return f"{self.set}/{self.id}" if self.set else self.id

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "set": self.set,
            "question": self.question,
            "language": self.language,
            "answerable": self.answerable,
            "must_include": [list(g) for g in self.must_include],
            "sources": list(self.sources),
            "tags": list(self.tags),
        }
        if self.history:
            d["history"] = list(self.history)
        if self.reference_answer is not None:
            d["reference_answer"] = self.reference_answer
        return d


def load_questions(paths: Iterable[str | Path] | str | Path) -> list[Question]:
    """Read and validate one or more JSONL question sets, in order."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    questions: list[Question] = []
    for path in paths:
        questions.extend(_load_file(Path(path)))
    return questions


def _load_file(path: Path) -> list[Question]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as e:
        raise QuestionSetError(path, 0, None, "no such file") from e
    except (OSError, UnicodeDecodeError) as e:
        raise QuestionSetError(path, 0, None, f"cannot be read as UTF-8 text: {e}") from e
    seen: dict[str, int] = {}
    out = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise QuestionSetError(path, n, None, f"not valid JSON ({e.msg})") from e
        q = _parse(obj, path, n)
        if q.id in seen:
            raise QuestionSetError(path, n, "id", f"{q.id!r} already used on line {seen[q.id]}")
        seen[q.id] = n
        out.append(q)
    if not out:
        raise QuestionSetError(path, 0, None, "holds no questions")
    return out


def _parse(obj: Any, path: Path, n: int) -> Question:
    def fail(field: str | None, reason: str) -> QuestionSetError:
        return QuestionSetError(path, n, field, reason)

    if not isinstance(obj, dict):
        raise fail(None, f"a line must be a JSON object, not {type(obj).__name__}")
    for name in REQUIRED:
        if name not in obj:
            raise fail(name, "missing")
    unknown = sorted(set(obj) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise fail(unknown[0], f"unknown field; allowed: {sorted({*REQUIRED, *OPTIONAL})}")
    for name, kind in {**REQUIRED, **OPTIONAL}.items():
        if name in obj and not isinstance(obj[name], kind):
            raise fail(name, f"must be a {kind.__name__}, not {type(obj[name]).__name__}")
    for name in ("id", "question"):
        if not obj[name].strip():
            raise fail(name, "is empty")
    if obj["language"] not in LANGUAGES:
        raise fail("language", f"{obj['language']!r} is not one of {list(LANGUAGES)}")
    tags = _strings(obj["tags"], fail, "tags")
    sources = _strings(obj["sources"], fail, "sources")
    groups = _groups(obj["must_include"], fail)
    history = tuple(_strings(obj.get("history", []), fail, "history"))
    if "history" in obj and not history:
        raise fail("history", "must be a non-empty list when present (leave it out instead)")
    if ("followup" in tags) != bool(history):
        raise fail("tags", "'followup' must be tagged exactly when 'history' is present")
    if obj["answerable"]:
        if not groups:
            raise fail("must_include", "an answerable question needs at least one group")
        if not sources:
            raise fail("sources", "an answerable question needs at least one source")
    else:
        if groups or sources:
            field = "must_include" if groups else "sources"
            raise fail(field, "must be [] when 'answerable' is false")
        if "unanswerable" not in tags:
            raise fail("tags", "an unanswerable question must be tagged 'unanswerable'")
    if "nodiacritics" in tags and not _ascii_letters(obj["question"]):
        raise fail("question", "tagged 'nodiacritics' but holds diacritics")
    return Question(
        id=obj["id"],
        question=obj["question"],
        language=obj["language"],
        answerable=obj["answerable"],
        must_include=groups,
        sources=tuple(sources),
        tags=tuple(tags),
        history=history,
        reference_answer=obj.get("reference_answer"),
        set=path.stem,
    )


def _strings(value: list, fail, field: str) -> list[str]:
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise fail(field, f"item {i} must be a non-empty string, not {item!r}")
    return list(value)


def _groups(value: list, fail) -> tuple[tuple[str, ...], ...]:
    groups = []
    for i, group in enumerate(value):
        if not isinstance(group, list) or not group:
            raise fail("must_include", f"group {i} must be a non-empty list of strings")
        groups.append(tuple(_strings(group, fail, "must_include")))
    return tuple(groups)


def _ascii_letters(s: str) -> bool:
    return unicodedata.normalize("NFD", s).isascii()
