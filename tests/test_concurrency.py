"""Concurrency with real processes and threads: the embedded store has one writer (a second
process fails at once with StoreLocked instead of hanging, Chroma #7040); a process that closed
the store sees what another process wrote since; threads of one process answer while an ingest
runs in another thread of it (one Assistant, one Chroma client, the embedder's lock).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT
from scqa import Assistant

SCQA = [sys.executable, "-m", "scqa"]
FIRST = ("hue-s-platform-and-ioc.txt", "resolution-52-fourth-industrial-revolution.md")
LATER = (
    "binh-duong-thanh-pho-thong-minh.txt",
    "da-nang-thanh-pho-thong-minh.txt",
    "oda-international-cooperation-smart-cities.txt",
    "hcmc-smart-city-scheme-2017-2020.txt",
)
QUESTIONS = (
    "What is the Hue-S platform used for?",
    "Nghị quyết 52-NQ/TW ban hành ngày nào?",
    "Resolution 52 on the Fourth Industrial Revolution was issued by whom?",
    "Nền tảng Hue-S giúp người dân làm gì?",
)


def copy(names: tuple[str, ...], dst: Path) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "ingest" / name, dst)
    return dst


@pytest.mark.slow
def test_a_second_process_on_the_embedded_store_fails_at_once(tmp_path):
    store = tmp_path / "s"
    with Assistant(store=store) as a:
        a.ingest([copy(FIRST[:1], tmp_path / "docs")])
        for argv in (["stats"], ["ingest", str(tmp_path / "docs")], ["ask", QUESTIONS[0]]):
            run = subprocess.run(  # the timeout is the hang detector: Chroma #7040 never returns
                [*SCQA, *argv, "--store", str(store)], capture_output=True, text=True, timeout=120
            )
            assert run.returncode == 2, (argv, run.stderr)
            assert f"the store {store} is in use by another process" in run.stderr
            assert "chroma run --path DIR" in run.stderr and "SCQA_CHROMA_URL" in run.stderr
        code = (
            "from scqa import Assistant, StoreLocked\n"
            f"try:\n    Assistant(store=r'{store}').stats()\n"
            "except StoreLocked as e:\n    print('StoreLocked:', e)\n"
        )
        child = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )
        assert child.stdout.startswith("StoreLocked: "), child.stderr  # the Python API's error
    free = subprocess.run(
        [*SCQA, "stats", "--store", str(store)], capture_output=True, text=True, timeout=120
    )
    assert free.returncode == 0, free.stderr  # closed: the next process gets in
    assert "documents: 1" in free.stdout


@pytest.mark.slow
def test_a_reopened_store_sees_what_another_process_deleted(tmp_path):
    store = tmp_path / "s"
    with Assistant(store=store) as a:
        a.ingest([copy(FIRST, tmp_path / "docs")])
        assert {h.chunk.source for h in a.ask(QUESTIONS[0], k=20).retrieved} == set(FIRST)
    run = subprocess.run(
        [*SCQA, "delete", FIRST[0], "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    with Assistant(store=store) as a:  # Chroma's cached in-process state must not come back
        hits = a.ask(QUESTIONS[0], k=20).retrieved
        assert {h.chunk.source for h in hits} == {FIRST[1]}
        assert len(hits) == a.stats()["chunks"]


@pytest.mark.slow
def test_threads_keep_answering_while_an_ingest_runs(tmp_path):
    store = tmp_path / "s"
    later = copy(LATER, tmp_path / "later")
    errors: list[BaseException] = []
    # (start time, finish time, question, abstained, hits)
    answered: list[tuple[float, float, str, bool, int]] = []
    with Assistant(store=store) as a:
        a.ingest([copy(FIRST, tmp_path / "first")])
        first_chunks = a.stats()["chunks"]
        a.ask(QUESTIONS[0])  # warm the retriever before timing starts
        window: dict[str, float] = {}

        def ingest() -> None:
            window["start"] = time.monotonic()
            try:
                window["report"] = a.ingest([later])  # type: ignore[assignment]
            except BaseException as e:  # noqa: BLE001 - reported by the assertion below
                errors.append(e)
            finally:
                window["end"] = time.monotonic()

        def ask(n: int) -> None:
            i = n
            while "end" not in window and i < n + 200:
                q = QUESTIONS[i % len(QUESTIONS)]
                try:
                    began = time.monotonic()
                    answer = a.ask(q, k=5)
                    answered.append(
                        (began, time.monotonic(), q, answer.abstained, len(answer.retrieved))
                    )
                except BaseException as e:  # noqa: BLE001
                    errors.append(e)
                    return
                i += 1

        writer = threading.Thread(target=ingest)
        askers = [threading.Thread(target=ask, args=(n,)) for n in range(3)]
        writer.start()
        for t in askers:
            t.start()
        writer.join(timeout=600)
        for t in askers:
            t.join(timeout=120)
        assert not writer.is_alive() and not any(t.is_alive() for t in askers)
        assert errors == []
        report = window["report"]
        assert report.ok and report.count("added") == len(LATER)  # type: ignore[union-attr]
        # Asked and answered inside the ingest's window: none if the ingest held a lock the
        # questions need for its whole run. A count, not a rate: a loaded CI machine slows both.
        during = [x for x in answered if window["start"] < x[0] and x[1] < window["end"]]
        assert len(during) >= 4, f"only {len(during)} answers asked and given during the ingest"
        assert all(hits == 5 for *_, hits in answered)
        hue = [ab for _, _, q, ab, _ in during if q == QUESTIONS[0]]
        assert hue and not any(hue)  # the Hue-S question is answered, not abstained
        stats = a.stats()
        assert stats["chunks"] == stats["recorded_chunks"] > first_chunks
        assert len(a.keyword_index) == stats["chunks"]


def test_threads_racing_on_first_use_share_one_store(built_store):
    """An app's first requests arrive together: they must open one store, not race Chroma."""
    a = Assistant(store=built_store)
    barrier = threading.Barrier(8)
    results: list[object] = []

    def first_ask(n: int) -> None:
        barrier.wait()
        try:
            results.append(a.ask(QUESTIONS[n % len(QUESTIONS)], k=3))
        except BaseException as e:  # noqa: BLE001 - the assertion shows it
            results.append(e)

    threads = [threading.Thread(target=first_ask, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    try:
        assert [r for r in results if isinstance(r, BaseException)] == []
        assert len(results) == 8 and all(len(r.retrieved) == 3 for r in results)
    finally:
        a.close()
