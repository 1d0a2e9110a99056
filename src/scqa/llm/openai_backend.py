"""`openai:<model>`: any OpenAI-compatible server (OpenAI, vLLM, LM Studio, llama.cpp's server)
through langchain-openai. The server is `OPENAI_BASE_URL`, the key `OPENAI_API_KEY` (local
servers accept any key)."""

from __future__ import annotations

import os

from ..errors import InvalidRequest, MissingDependency
from .base import ChatGenerator, LLMOptions

DEFAULT_URL = "https://api.openai.com/v1"


def _reason(e: Exception) -> str | None:
    import openai

    if isinstance(e, openai.APITimeoutError):
        return "no answer before the timeout (SCQA_LLM_TIMEOUT)"
    if isinstance(e, openai.APIConnectionError):
        return f"connection failed ({_root(e)})"
    if isinstance(e, openai.APIStatusError):
        return f"the server answered HTTP {e.status_code}: {e.message}"
    return None


def _root(e: BaseException) -> BaseException:
    while (e.__cause__ or e.__context__) is not None:
        e = e.__cause__ or e.__context__
    return e


def make(model: str, **_context) -> ChatGenerator:
    if not model:
        raise InvalidRequest("openai:<model> needs a model name, e.g. openai:gpt-4o-mini")
    try:
        from langchain_openai import ChatOpenAI
    except ImportError as e:
        raise MissingDependency("langchain-openai", "llm", "openai:<model> answers") from e
    opts = LLMOptions.from_env()
    url = (os.environ.get("OPENAI_BASE_URL", "").strip() or DEFAULT_URL).rstrip("/")
    chat = ChatOpenAI(
        model=model,
        base_url=url,
        api_key=os.environ.get("OPENAI_API_KEY", "").strip() or "not-needed",
        temperature=opts.temperature,
        max_tokens=opts.max_tokens,
        extra_body=_legacy_cap(url, opts.max_tokens),
        timeout=opts.timeout,
        max_retries=0,
        streaming=True,
    )

    def cap(n: int) -> dict:
        return {"max_tokens": n, "extra_body": _legacy_cap(url, n)}

    return ChatGenerator(f"openai:{model}", url, chat, _reason, cap)


def _legacy_cap(url: str, tokens: int) -> dict | None:
    """langchain-openai sends the answer cap as `max_completion_tokens`, which OpenAI-compatible
    servers such as llama.cpp's ignore; they read the older `max_tokens`, sent here besides."""
    return None if url == DEFAULT_URL else {"max_tokens": tokens}
