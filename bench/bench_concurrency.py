"""Many users on one app process, through the Gradio API (`gradio_client`), as real clients would.

    .venv/bin/python bench/bench_concurrency.py [--clients 20] [--questions 10] [--store DIR]

1. Builds a store from ingest/ with `scqa ingest` (unless --store names a built one), then starts
   one `scqa serve` process on 127.0.0.1 and a free port.
2. Phase "ask": --clients concurrent clients (one `gradio_client.Client` each, in threads) each ask
   --questions questions from the development sets (each asked once) through the `/ask` endpoint.
   Reports errors, p50 / p95 / max latency and throughput. Zero errors is the requirement.
3. Phase "ask during ingest": a client uploads ../shared/corpus (the five articles) through the
   `/ingest` endpoint while --during-clients clients keep asking (held-out questions, none asked
   before); reports the answers completed while the ingest ran, their p50 / p95, and errors.
Everything binds 127.0.0.1 and stops by itself; the app process is terminated at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCQA = [sys.executable, "-m", "scqa"]
ENV = {
    **os.environ,
    "HF_HUB_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Distinct questions, so that the embedding memo (embeddings.Memo) serves only what users would
# share: the ask phase's 20 clients x 10 take theirs from the development sets (257), the clients
# asking during the ingest from the held-out sets, which the ask phase never asked.
ASK_SETS = ("shared", "sample", "probe", "probe2", "heldout2")
DURING_SETS = ("heldout", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8")


def questions(sets: tuple[str, ...]) -> list[str]:
    rows = [
        json.loads(line)
        for name in sets
        if (ROOT / "eval" / f"{name}.jsonl").exists()
        for line in (ROOT / "eval" / f"{name}.jsonl").open(encoding="utf-8")
    ]
    return list(dict.fromkeys(r["question"] for r in rows if r.get("question")))


def start_app(store: Path, port: int, log: Path) -> subprocess.Popen:
    out = log.open("wb")
    proc = subprocess.Popen(
        [*SCQA, "serve", "--port", str(port), "--store", str(store)],
        stdout=out,
        stderr=subprocess.STDOUT,
        env=ENV,
        cwd=ROOT,
    )
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"scqa serve exited:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("scqa serve did not answer within 180 s")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def summary(name: str, lat: list[float], errors: list[str], seconds: float) -> dict:
    out = {
        "phase": name,
        "requests": len(lat) + len(errors),
        "errors": len(errors),
        "p50_s": round(pct(lat, 0.50), 3),
        "p95_s": round(pct(lat, 0.95), 3),
        "max_s": round(max(lat), 3) if lat else None,
        "mean_s": round(statistics.fmean(lat), 3) if lat else None,
        "wall_s": round(seconds, 1),
        "answers_per_s": round(len(lat) / seconds, 2) if seconds else None,
    }
    if errors:
        out["first_errors"] = errors[:3]
    return out


def ask_phase(url: str, qs: list[str], clients: int, per_client: int) -> dict:
    from gradio_client import Client

    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    ready = threading.Barrier(clients)

    def user(n: int) -> None:
        client = Client(url, verbose=False)
        ready.wait()
        for i in range(per_client):
            q = qs[(n * per_client + i) % len(qs)]
            t0 = time.perf_counter()
            try:
                answer = client.predict(q, [], 5, api_name="/ask")
                assert answer["answer"], "empty answer"
                with lock:
                    lat.append(time.perf_counter() - t0)
            except Exception as e:  # counted and shown, never hidden
                with lock:
                    errors.append(f"{type(e).__name__}: {e}"[:300])

    threads = [threading.Thread(target=user, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    return summary(f"ask: {clients} clients x {per_client}", lat, errors, time.perf_counter() - t0)


def during_ingest_phase(url: str, qs: list[str], clients: int, files: list[Path]) -> dict:
    from gradio_client import Client, handle_file

    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    window: dict[str, object] = {}

    def ingester() -> None:
        client = Client(url, verbose=False)
        window["start"] = time.perf_counter()
        try:
            window["report"] = client.predict(
                [handle_file(str(f)) for f in files], api_name="/ingest"
            )
        except Exception as e:
            errors.append(f"ingest: {type(e).__name__}: {e}"[:300])
        window["end"] = time.perf_counter()

    def user(n: int) -> None:
        client = Client(url, verbose=False)
        i = 0
        while "start" not in window:
            time.sleep(0.05)
        while "end" not in window:
            q = qs[(n * 100 + i) % len(qs)]  # 100 apart: no two clients ask the same
            i += 1
            t0 = time.perf_counter()
            try:
                answer = client.predict(q, [], 5, api_name="/ask")
                assert answer["answer"], "empty answer"
                done = time.perf_counter()
                if "end" not in window:
                    with lock:
                        lat.append(done - t0)
            except Exception as e:
                with lock:
                    errors.append(f"{type(e).__name__}: {e}"[:300])

    threads = [threading.Thread(target=ingester)]
    threads += [threading.Thread(target=user, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=1800)
    seconds = float(window["end"]) - float(window["start"])  # type: ignore[arg-type]
    out = summary(f"ask during ingest: {clients} clients", lat, errors, seconds)
    report = window.get("report") or {}
    out["ingest_s"] = round(seconds, 1)
    out["ingest_summary"] = report.get("summary") if isinstance(report, dict) else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--questions", type=int, default=10, help="per client")
    ap.add_argument("--during-clients", type=int, default=4)
    ap.add_argument("--store", type=Path, help="a store already built from ingest/")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        store = args.store
        if store is None:
            store = tmp_path / "store"
            t0 = time.perf_counter()
            subprocess.run(
                [*SCQA, "ingest", str(ROOT / "ingest"), "--store", str(store)],
                check=True,
                env=ENV,
                stdout=subprocess.DEVNULL,
            )
            print(f"built the store from ingest/ in {time.perf_counter() - t0:.0f} s", flush=True)
        port = free_port()
        app = start_app(store, port, tmp_path / "app.log")
        url = f"http://127.0.0.1:{port}/"
        try:
            results = [ask_phase(url, questions(ASK_SETS), args.clients, args.questions)]
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
            shared = ROOT.parent / "shared" / "corpus"
            files = sorted(shared.glob("*.txt")) if shared.is_dir() else []
            if files:
                results.append(
                    during_ingest_phase(url, questions(DURING_SETS), args.during_clients, files)
                )
                print(json.dumps(results[-1], ensure_ascii=False), flush=True)
            else:
                print(f"skipped the ingest phase: no shared corpus at {shared}")
            if any(r["errors"] for r in results):
                print("app log (tail):\n" + (tmp_path / "app.log").read_text()[-6000:])
        finally:
            app.terminate()
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
    failed = sum(r["errors"] for r in results)
    print(f"total errors: {failed}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
