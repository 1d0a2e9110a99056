"""Start the real app (`python app.py`) on a free 127.0.0.1 port against a store, for the UI and
gradio_client tests. Bounded waits; the process is stopped when the block ends."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"app exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"app did not answer in {START_TIMEOUT_S} s:\n{log.read_text()}")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
