"""The app's named API endpoints through `gradio_client`, against the real app process."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from ui_app import build_store, running_app

pytestmark = pytest.mark.slow

ASK_KEYS = {"question", "language", "answer", "abstained", "citations", "retrieved", "timings_ms"}
CITATION_KEYS = {"n", "source", "title", "page", "chunk_id", "score", "text"}


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, sample_corpus):
    root = tmp_path_factory.mktemp("gc")
    store = root / "store"
    build_store(store, [sample_corpus / "de-an-950-tom-tat-dang-van-ban.txt"])
    with running_app(store, root) as url:
        yield url, store


def test_ask_returns_the_same_object_as_the_cli(app_url):
    from gradio_client import Client

    url, _ = app_url
    client = Client(url, verbose=False)
    assert set(client.view_api(print_info=False, return_format="dict")["named_endpoints"]) == {
        "/ask",
        "/ingest",
    }
    answer = client.predict("Đề án 950 được phê duyệt ngày nào?", api_name="/ask")
    assert set(answer) >= ASK_KEYS
    assert answer["language"] == "vi"
    assert answer["abstained"] is False
    assert "1/8/2018" in answer["answer"]
    assert answer["citations"][0]["source"] == "de-an-950-tom-tat-dang-van-ban.txt"
    assert set(answer["citations"][0]) >= CITATION_KEYS
    assert set(answer["timings_ms"]) >= {"retrieve", "generate", "total"}
    # history and k by name; k bounds the retrieved list
    follow = client.predict(
        question="Ai phê duyệt?",
        history=["Đề án 950 được phê duyệt ngày nào?"],
        k=2,
        api_name="/ask",
    )
    assert len(follow["retrieved"]) == 2
    assert follow["standalone_question"] is not None
    # a limit broken → a short error, not a traceback
    with pytest.raises(Exception) as err:
        client.predict("Đề án 950?", k=10_000, api_name="/ask")
    assert "k=10000 must be between 1 and" in str(err.value)
    assert "Traceback" not in str(err.value)


def test_ingest_returns_the_per_file_report(app_url, sample_corpus, tmp_path):
    from gradio_client import Client, handle_file

    url, store = app_url
    upload = tmp_path / "Hội thảo Huế-S (bản 2).txt"
    shutil.copyfile(sample_corpus / "hue-s-platform-and-ioc.txt", upload)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    client = Client(url, verbose=False)
    report = client.predict([handle_file(upload), handle_file(empty)], api_name="/ingest")
    NAME = "Hội thảo Huế-S (bản 2).txt"  # noqa: N806
    files = {f["source"]: f for f in report["files"]}
    assert set(files) == {NAME, "empty.txt"}
    assert files[NAME]["status"] == "added"
    assert files[NAME]["chunks"] > 0
    assert files["empty.txt"]["status"] == "failed"
    assert files["empty.txt"]["reason"]
    assert report["summary"]["added"] == 1 and report["summary"]["failed"] == 1
    assert (store / "uploads" / NAME).is_file()
    again = client.predict([handle_file(upload)], api_name="/ingest")
    assert again["files"][0]["status"] == "unchanged"
    answer = client.predict("What is Hue-S?", api_name="/ask")
    assert answer["citations"][0]["source"] == NAME


def test_serve_refuses_a_public_address_without_auth(tmp_path):
    """No default password: binding 0.0.0.0 without SCQA_AUTH fails at once, naming the fix."""
    env = {"SCQA_STORE": str(tmp_path / "store"), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "scqa", "serve", "--host", "0.0.0.0", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "without authentication: set SCQA_AUTH" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_scqa_auth_turns_on_login(tmp_path):
    """With SCQA_AUTH the app asks for a password; the right one opens the API. The store is
    empty, so /ask answers with the short empty-store message."""
    from gradio_client import Client

    with running_app(tmp_path / "store", tmp_path, env={"SCQA_AUTH": "ana:s3cret"}) as url:
        with pytest.raises(Exception):  # noqa: B017 - gradio_client raises a bare ValueError
            Client(url, verbose=False)
        client = Client(url, auth=("ana", "s3cret"), verbose=False)
        with pytest.raises(Exception) as err:  # noqa: B017
            client.predict("Đề án 950?", api_name="/ask")
        assert "The store is empty: upload documents in the Documents tab." in str(err.value)
