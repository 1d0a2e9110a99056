"""Server mode for real: `chroma run` (the server the chromadb package ships) on 127.0.0.1 and a
free port; scqa talks to it through SCQA_CHROMA_URL with the same guarantees as embedded mode, a
server that goes away is a clear `StoreUnavailable`, and scqa recovers when it comes back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from scqa import Assistant
from scqa.errors import StoreUnavailable
from servers import free_port, stop, wait_for_http

pytestmark = pytest.mark.server

CHROMA = Path(sys.executable).with_name("chroma")
SCQA = [sys.executable, "-m", "scqa"]
FILES = (
    "de-an-950-tom-tat-dang-van-ban.txt",
    "hue-s-platform-and-ioc.txt",
    "resolution-52-fourth-industrial-revolution.md",
)
Q_950 = "Đề án phát triển đô thị thông minh bền vững được phê duyệt theo quyết định nào?"
Q_HUE = "What is the Hue-S platform used for?"


class ChromaServer:
    """A `chroma run` process on 127.0.0.1; start() waits (bounded) for its heartbeat."""

    def __init__(self, path: Path, port: int, log: Path) -> None:
        self.path, self.port, self.log = path, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> None:
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [str(CHROMA), "run", "--path", str(self.path), "--host", "127.0.0.1"]
                + ["--port", str(self.port)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
        try:
            wait_for_http(
                f"{self.url}/api/v2/heartbeat", self.proc, self.log, timeout, "chroma run"
            )
        except RuntimeError:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)
        self.proc = None


@pytest.fixture
def server(tmp_path, monkeypatch):
    if not CHROMA.exists():
        pytest.fail(f"chromadb's `chroma` command is missing at {CHROMA}")
    srv = ChromaServer(tmp_path / "chroma-data", free_port(), tmp_path / "chroma.log")
    srv.start()
    monkeypatch.setenv("SCQA_CHROMA_URL", srv.url)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # keyword index cache
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def docs(tmp_path) -> Path:
    root = tmp_path / "docs"
    root.mkdir()
    for name in FILES:
        shutil.copy(ROOT / "ingest" / name, root)
    return root


def expected_ids(a: Assistant, root: Path) -> list[str]:
    """Chunk ids computed from the files alone, as any store must hold them."""
    from scqa import loaders
    from scqa.chunking import chunk_document

    ids = []
    for name in FILES:
        doc = loaders.load(root / name, root)
        ids += [c.id for c in chunk_document(doc, a.embedder.token_count, 160, 0)]
    return sorted(ids)


def chroma_ids(a: Assistant) -> list[str]:
    return sorted(a.store._chunks.get(include=[])["ids"])


@pytest.mark.slow
def test_ingest_ask_reingest_delete_through_the_server(server, docs, tmp_path):
    with Assistant() as a:
        report = a.ingest([docs])
        assert report.ok and report.count("added") == 3
        stats = a.stats()
        assert (stats["mode"], stats["store"]) == ("server", server.url)
        assert stats["documents"] == 3
        assert stats["chunks"] == stats["recorded_chunks"] == report.chunks_written
        ids = chroma_ids(a)

        assert ids == expected_ids(a, docs)  # the ids an embedded ingest gives

        answer = a.ask(Q_950)
        assert not answer.abstained
        assert answer.text.startswith("Theo các tài liệu:\n") and "[1]" in answer.text
        assert answer.citations[0].source == FILES[0]

        embedded = a.embedder.texts_embedded
        again = a.ingest([docs])
        assert [f.status for f in again.files] == ["unchanged"] * 3
        assert a.embedder.texts_embedded == embedded  # zero embedding calls
        assert chroma_ids(a) == ids

        removed = a.delete(FILES[1])
        assert removed.chunks > 0
        assert a.stats()["chunks"] == len(ids) - removed.chunks
        assert FILES[1] not in {d["source"] for d in a.documents()}
        hits = a.ask(Q_HUE, k=10).retrieved
        assert FILES[1] not in {h.chunk.source for h in hits}
        kw = a.keyword_index
        assert set(kw._docs) == set(chroma_ids(a))
        assert kw.path.is_relative_to(tmp_path / "cache" / "scqa" / "keyword")
    assert not (tmp_path / "store").exists()  # the embedded store was never touched


@pytest.mark.slow
def test_a_server_that_goes_away_is_a_clear_error_and_scqa_recovers(server, docs, tmp_path):
    with Assistant() as a:
        a.ingest([docs])
        before = a.ask(Q_950)
        server.stop()
        with pytest.raises(StoreUnavailable) as err:
            a.ask(Q_950)
        assert server.url in str(err.value) and "not answering" in str(err.value)
        with pytest.raises(StoreUnavailable):
            a.ingest([docs])

        cli = subprocess.run(
            [*SCQA, "ask", Q_950, "--json"], capture_output=True, text=True, timeout=120
        )
        assert cli.returncode == 2 and cli.stdout == ""
        assert f"the Chroma server at {server.url} is not answering" in cli.stderr

        server.start()  # same path, same port
        after = a.ask(Q_950)  # the same Assistant object
        assert after.text == before.text
        assert [h.chunk.id for h in after.retrieved] == [h.chunk.id for h in before.retrieved]
        assert [f.status for f in a.ingest([docs]).files] == ["unchanged"] * 3


ASK_IN_CHILD = r"""
import json, sys
from scqa import Assistant
with Assistant() as a:
    if sys.argv[1] != "-":
        a.ingest([sys.argv[1]])
    answer = a.ask(sys.argv[2], k=10)
    print(json.dumps({"sources": [h.chunk.source for h in answer.retrieved],
                      "keyword_ids": len(a.keyword_index), "chunks": a.stats()["chunks"]}))
"""


@pytest.mark.slow
def test_two_processes_on_one_server_see_each_others_documents(server, tmp_path, monkeypatch):
    import scqa.keyword

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir(), second.mkdir()
    shutil.copy(ROOT / "ingest" / FILES[0], first)
    shutil.copy(ROOT / "ingest" / FILES[1], second)
    with Assistant() as a:
        a.ingest([first])
        assert len(a.keyword_index) == a.stats()["chunks"]
        # the other process: its own keyword cache, as if on another machine
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "other-cache")}
        child = subprocess.run(
            [sys.executable, "-c", ASK_IN_CHILD, str(second), Q_950],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert child.returncode == 0, child.stderr[-2000:]
        seen = json.loads(child.stdout)
        assert FILES[0] in seen["sources"]  # it sees what this process ingested
        assert seen["keyword_ids"] == seen["chunks"]  # its keyword index synced at open

        # this process's keyword index notices the other's ingest by its fingerprint; the
        # re-check interval (30 s against a server) is shortened so the test need not wait
        monkeypatch.setattr(scqa.keyword, "SERVER_RECHECK_S", 0.0)
        answer = a.ask(Q_HUE, k=10)
        assert FILES[1] in {h.chunk.source for h in answer.retrieved}
        assert answer.retrieved[0].chunk.source == FILES[1]
        assert set(a.keyword_index._docs) == set(chroma_ids(a))
        assert len(a.keyword_index) == seen["chunks"]
