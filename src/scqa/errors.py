"""The exception hierarchy. The library raises these; the faces (CLI, UI) translate them."""

from __future__ import annotations

from pathlib import Path


class ScqaError(Exception):
    """Base class of every error scqa raises on purpose."""


class LoadError(ScqaError):
    """A file could not be turned into a document. Names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class UnsupportedFile(LoadError):
    """The file's format is not one scqa reads."""


class StoreError(ScqaError):
    """The vector store cannot be used as asked."""


class StoreNotFound(StoreError):
    """No store exists where one was expected."""


class StoreLocked(StoreError):
    """Another process holds the embedded store."""


class StoreUnavailable(StoreError):
    """The Chroma server cannot be reached."""


class EmbedderMismatch(StoreError):
    """The store was built with another embedder than the one configured."""


class LLMUnavailable(ScqaError):
    """The configured language model cannot be reached or loaded."""


class MissingDependency(ScqaError):
    """An optional package is needed; the message carries the install command."""

    def __init__(self, package: str, extra: str | None = None, purpose: str = ""):
        self.package = package
        self.extra = extra
        target = f"'scqa[{extra}]'" if extra else package
        why = f" for {purpose}" if purpose else ""
        super().__init__(f"{package} is needed{why}: pip install {target}")


class InvalidRequest(ScqaError):
    """A request breaks a configured limit or names an unknown choice."""
