"""Real server processes for tests: a free loopback port, a bounded wait until a URL answers
200, and a stop that escalates to kill. Used by the app, `chroma run` and llama_cpp.server
fixtures."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float, what: str) -> None:
    """Return once `url` answers 200; raise RuntimeError, with the log's tail, when `proc`
    exits first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer in {timeout} s:\n{log.read_text()[-4000:]}")
        time.sleep(0.3)


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate, and kill if it has not exited within `timeout` seconds."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=timeout)
