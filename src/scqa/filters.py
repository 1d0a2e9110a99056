"""Search filters: by source, language and date range, as a Chroma `where` clause and as the same
test in Python for the keyword signals, which do not run inside Chroma."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import InvalidRequest
from .types import Chunk


@dataclass(frozen=True)
class Filters:
    """Restrict a search: to sources, a language, a date range (ISO yyyy-mm-dd, inclusive)."""

    sources: tuple[str, ...] = ()
    language: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def coerce(cls, value: Filters | dict[str, Any] | None) -> Filters:
        if value is None:
            return cls()
        if isinstance(value, Filters):
            return value
        known = {"sources", "source", "language", "date_from", "date_to"}
        unknown = set(value) - known
        if unknown:
            raise InvalidRequest(
                f"unknown filter(s) {sorted(unknown)}; valid: {sorted(known - {'source'})}"
            )
        sources = value.get("sources") or value.get("source") or ()
        if isinstance(sources, str):
            sources = (sources,)
        language = value.get("language") or None
        if language not in (None, "vi", "en"):
            raise InvalidRequest(f"language filter {language!r}: choose 'vi' or 'en'")
        return cls(tuple(sources), language, value.get("date_from"), value.get("date_to"))

    def where(self) -> dict[str, Any] | None:
        """The Chroma `where` clause for these filters."""
        parts: list[dict[str, Any]] = []
        if self.sources:
            parts.append({"source": {"$in": list(self.sources)}})
        if self.language:
            parts.append({"language": self.language})
        if self.date_from:
            parts.append({"date_int": {"$gte": _date_int(self.date_from)}})
        if self.date_to:
            parts.append({"date_int": {"$lte": _date_int(self.date_to)}})
        if self.date_from and not self.date_to:
            parts.append({"date_int": {"$gt": 0}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def admits(self, chunk: Chunk) -> bool:
        """The same test in Python, for signals that do not run inside Chroma."""
        if self.sources and chunk.source not in self.sources:
            return False
        if self.language and chunk.language != self.language:
            return False
        d = _date_int(chunk.date) if chunk.date else 0
        if self.date_from and not (d and d >= _date_int(self.date_from)):
            return False
        return not (self.date_to and d > _date_int(self.date_to))

    def __bool__(self) -> bool:
        return bool(self.sources or self.language or self.date_from or self.date_to)


def _date_int(iso: str) -> int:
    digits = iso.replace("-", "")
    if len(digits) != 8 or not digits.isdigit():
        raise InvalidRequest(f"date {iso!r} is not in the form yyyy-mm-dd")
    return int(digits)
