"""Start the real app (`python app.py`) on a free 127.0.0.1 port against a store, for the UI and
gradio_client tests. Bounded waits; the process is stopped when the block ends."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from servers import free_port, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 90


def build_store(store: Path, files: list[Path]) -> None:
    """Ingest `files` into `store` (in this process) and release the store's lock."""
    from scqa import Assistant

    with Assistant(store=store) as a:
        report = a.ingest(files)
    assert report.ok, report.failed


@contextlib.contextmanager
def running_app(store: Path, cwd: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`python app.py --port P --store STORE` in `cwd`; yields the base URL once it answers."""
    port = free_port()
    log = cwd / f"app-{port}.log"
    full_env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SCQA_")},
        "HF_HUB_OFFLINE": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
        **(env or {}),
    }
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(port), "--store", str(store)],
            cwd=cwd,
            env=full_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url, proc, log, START_TIMEOUT_S, "app")
        yield url
    finally:
        stop(proc, timeout=10)
