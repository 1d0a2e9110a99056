"""Shared fixtures: isolation of every test, the two corpora, and one store built once.

Every test gets SCQA_* settings pointing into its own tmp dir. `built_store` ingests the project's
sample corpus and the shared articles once per session; tests open it read-only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLE_CORPUS = ROOT / "ingest"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["ANONYMIZED_TELEMETRY"] = "False"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_shared_corpus() -> Path:
    """The five shared articles; skip without them, but in CI their absence is a failure."""
    if SHARED_CORPUS.is_dir() and any(SHARED_CORPUS.iterdir()):
        return SHARED_CORPUS
    if in_ci():
        pytest.fail(f"CI=true but the shared corpus is missing at {SHARED_CORPUS}")
    pytest.skip(f"the shared corpus is not beside this clone ({SHARED_CORPUS})")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """No test touches ./vectorstore or a user's SCQA_* configuration."""
    for name in list(os.environ):
        if name.startswith("SCQA_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SCQA_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    return require_shared_corpus()


@pytest.fixture(scope="session")
def sample_corpus() -> Path:
    assert SAMPLE_CORPUS.is_dir(), f"the sample corpus is missing at {SAMPLE_CORPUS}"
    return SAMPLE_CORPUS


@pytest.fixture(scope="session")
def built_store(tmp_path_factory, shared_corpus, sample_corpus) -> Path:
    """A store holding both corpora, built once per session. Open it, don't write to it."""
    from scqa import Assistant

    store = tmp_path_factory.mktemp("built") / "store"
    with Assistant(store=store) as a:
        report = a.ingest([sample_corpus, shared_corpus])
    assert report.ok, [f for f in report.failed]
    return store


@pytest.fixture
def corpus_copy(tmp_path, sample_corpus) -> Path:
    """A writable copy of the sample corpus, for tests that edit or delete files."""
    dst = tmp_path / "corpus"
    shutil.copytree(sample_corpus, dst)
    return dst
