"""scqa: bilingual (Vietnamese / English) question answering over Vietnamese smart-city policy.

from scqa import Assistant
a = Assistant(store="vectorstore")
a.ingest(["ingest/"])
answer = a.ask("Đề án 950 được phê duyệt ngày nào?")
print(answer.text, answer.citations)
"""

from .assistant import Assistant
from .config import Settings
from .errors import (
    EmbedderMismatch,
    InvalidRequest,
    LLMUnavailable,
    LoadError,
    MissingDependency,
    ScqaError,
    StoreError,
    StoreLocked,
    StoreNotFound,
    StoreUnavailable,
    UnsupportedFile,
)
from .evaluation import evaluate, load_questions
from .filters import Filters
from .ingestion import Progress
from .types import Answer, Chunk, Citation, Document, FileResult, Hit, IngestReport

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Assistant",
    "Chunk",
    "Citation",
    "Document",
    "EmbedderMismatch",
    "FileResult",
    "Filters",
    "Hit",
    "IngestReport",
    "InvalidRequest",
    "LLMUnavailable",
    "LoadError",
    "MissingDependency",
    "Progress",
    "ScqaError",
    "Settings",
    "StoreError",
    "StoreLocked",
    "StoreNotFound",
    "StoreUnavailable",
    "UnsupportedFile",
    "__version__",
    "evaluate",
    "load_questions",
]
