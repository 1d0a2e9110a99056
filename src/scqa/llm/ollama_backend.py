"""`ollama:<model>`: a model served by Ollama, through langchain-ollama. The server is
`OLLAMA_HOST` (default http://127.0.0.1:11434)."""

from __future__ import annotations

import os

import httpx

from ..errors import InvalidRequest, MissingDependency
from .base import ChatGenerator, LLMOptions

DEFAULT_URL = "http://127.0.0.1:11434"


def _url() -> str:
    host = os.environ.get("OLLAMA_HOST", "").strip() or DEFAULT_URL
    return host if "://" in host else f"http://{host}"


def _reason(e: Exception) -> str | None:
    import ollama

    if isinstance(e, ollama.ResponseError):
        return f"the server answered HTTP {e.status_code}: {e.error}"
    if isinstance(e, ConnectionError | httpx.TransportError):
        return f"connection failed ({e})"
    return None


def make(model: str, **_context) -> ChatGenerator:
    if not model:
        raise InvalidRequest("ollama:<model> needs a model name, e.g. ollama:qwen2.5:3b")
    try:
        from langchain_ollama import ChatOllama
    except ImportError as e:
        raise MissingDependency("langchain-ollama", "llm", "ollama:<model> answers") from e
    opts = LLMOptions.from_env()
    url = _url()
    chat = ChatOllama(
        model=model,
        base_url=url,
        temperature=opts.temperature,
        num_predict=opts.max_tokens,
        client_kwargs={"timeout": opts.timeout},
    )

    def cap(n: int) -> dict:
        return {"options": {"num_predict": n, "temperature": opts.temperature}}

    return ChatGenerator(f"ollama:{model}", url, chat, _reason, cap)
