"""Crash-safe ingest: a real ingest process is SIGKILLed at several points, the rerun completes, and
the store then equals a clean ingest of the same files: same chunk ids, texts and metadata, the
same file records, Chroma's count equal to the recorded chunk counts, no duplicate, no orphan.

The kill is deterministic: a tiny driver (below) runs `Assistant.ingest` with a progress hook
that sends SIGKILL to its own process at the n-th progress event of a given kind and file.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import ROOT
from scqa import Assistant

DRIVER = r"""
import json, os, signal, sys
from scqa import Assistant

kind, name, nth = os.environ["SCQA_TEST_KILL"].split("|") if os.environ.get("SCQA_TEST_KILL") \
    else ("", "", "0")
seen = 0

def hook(p):
    global seen
    stage = p.stage
    if stage == "embed" and p.chunks_total:
        if p.chunks_done == p.chunks_total:
            stage = "embedded"  # every new chunk upserted; stale ids and record not yet written
        elif p.chunks_done:
            stage = "mid"  # some embedding batches upserted, more to come
    if stage == kind and p.source.endswith(name):
        seen += 1
        if seen == int(nth):
            os.kill(os.getpid(), signal.SIGKILL)

with Assistant() as a:
    report = a.ingest(sys.argv[1:], progress=hook)
print(json.dumps(report.to_dict()["summary"]))
"""

FILES = (  # ingest order (sorted): 41, 32 and 35 chunks at 64 tokens
    "binh-duong-thanh-pho-thong-minh.txt",
    "hcmc-smart-city-scheme-2017-2020.txt",
    "hue-s-platform-and-ioc.txt",
)
A, B, C = FILES
CHUNK_TOKENS = "64"  # small chunks: the first file needs two embedding batches of 32


def run_driver(root: Path, store: Path, kill: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "SCQA_STORE": str(store), "SCQA_CHUNK_TOKENS": CHUNK_TOKENS}
    env.pop("SCQA_TEST_KILL", None)
    if kill:
        env["SCQA_TEST_KILL"] = kill
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def killed(run: subprocess.CompletedProcess) -> None:
    assert run.returncode == -signal.SIGKILL, (run.returncode, run.stdout, run.stderr[-2000:])
    assert run.stdout == ""  # it died before reporting


def completed(run: subprocess.CompletedProcess) -> dict:
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def state(store: Path) -> dict:
    """Chunks as {id: (text, metadata)}, file records by source, and Chroma's count."""
    with Assistant(store=store) as a:
        res = a.store._chunks.get(include=["documents", "metadatas"])
        chunks = {
            i: (d, m)
            for i, d, m in zip(res["ids"], res["documents"], res["metadatas"], strict=True)
        }
        records = {r.source: r.to_meta() for r in a.store.records()}
        return {"chunks": chunks, "records": records, "count": a.store.count(), "ids": res["ids"]}


def sources_with_chunks(s: dict) -> set[str]:
    return {m["source"] for _, m in s["chunks"].values()}


def assert_consistent(s: dict) -> None:
    """No duplicate, no orphan, the count equal to the records."""
    assert len(s["ids"]) == len(set(s["ids"])) == s["count"]
    assert s["count"] == sum(r["chunks"] for r in s["records"].values())
    per_source = Counter(m["source"] for _, m in s["chunks"].values())
    assert dict(per_source) == {src: r["chunks"] for src, r in s["records"].items()}
    places = Counter((m["source"], m["index"]) for _, m in s["chunks"].values())
    assert max(places.values()) == 1, "two chunks claim one place in a file"


@pytest.mark.slow
def test_sigkill_at_several_points_then_rerun_equals_a_clean_ingest(tmp_path, monkeypatch):
    monkeypatch.setenv("SCQA_CHUNK_TOKENS", CHUNK_TOKENS)
    root = tmp_path / "docs"
    root.mkdir()
    for name in FILES:
        shutil.copy(ROOT / "ingest" / name, root)
    store = tmp_path / "crashed"

    # 1. mid-file: the first embedding batch of A is in Chroma, the second is not, no record
    killed(run_driver(root, store, f"mid|{A}|1"))
    s = state(store)
    assert sources_with_chunks(s) == {A} and s["records"] == {}
    assert s["count"] == 32  # one embedding batch

    # 2. after every chunk of B is upserted, before its record: A completes on the way
    killed(run_driver(root, store, f"embedded|{B}|1"))
    s = state(store)
    assert set(s["records"]) == {A} and sources_with_chunks(s) == {A, B}
    with Assistant(store=store) as a:  # B's chunks reached Chroma but not the keyword index
        assert set(a.keyword_index._docs) == set(s["ids"]) and a.keyword_index.rebuilt > 0

    # 3. between files: B's record written, C not started
    killed(run_driver(root, store, f"load|{C}|1"))
    s = state(store)
    assert set(s["records"]) == {A, B} and sources_with_chunks(s) == {A, B}
    assert_consistent(s)

    summary = completed(run_driver(root, store, None))
    assert (summary["unchanged"], summary["added"], summary["failed"]) == (2, 1, 0)
    assert_consistent(state(store))

    # 4. a changed file: its new chunks are upserted, the stale ones still there, record old
    text = (root / A).read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    paragraphs[1] = "Đoạn này đã được sửa: thành phố thí điểm mô hình đô thị thông minh mới."
    (root / A).write_text("\n\n".join(paragraphs) + "\n\nMột đoạn bổ sung ở cuối.\n", "utf-8")
    old_hash = state(store)["records"][A]["content_hash"]
    killed(run_driver(root, store, f"embedded|{A}|1"))
    s = state(store)
    assert s["records"][A]["content_hash"] == old_hash  # the record is still the old one
    assert s["count"] > sum(r["chunks"] for r in s["records"].values())  # old + new chunks

    summary = completed(run_driver(root, store, None))
    assert (summary["updated"], summary["unchanged"], summary["failed"]) == (1, 2, 0)
    after = state(store)
    assert_consistent(after)

    # a clean ingest of the same files, in a fresh store
    clean_store = tmp_path / "clean"
    with Assistant(store=clean_store) as a:
        assert a.ingest([root]).count("added") == 3
    clean = state(clean_store)
    assert sorted(after["ids"]) == sorted(clean["ids"])
    assert after["chunks"] == clean["chunks"]
    assert after["records"] == clean["records"]
    assert after["count"] == clean["count"]
    check_keyword_index(store, after)


def check_keyword_index(store: Path, s: dict) -> None:
    """The keyword index beside Chroma (`<store>/keyword/index.json`) holds exactly Chroma's ids:
    on disk after a completed run, and in memory once opened after a kill (its fingerprint check
    tokenises what the dead process never saved)."""
    from scqa.keyword import fingerprint

    on_disk = json.loads((store / "keyword" / "index.json").read_text(encoding="utf-8"))
    assert on_disk["fingerprint"] == fingerprint(s["ids"])
    assert set(on_disk["docs"]) == set(s["ids"])
