# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STORE ?= vectorstore
HOST ?= 127.0.0.1
PORT ?= 7860
export HF_HUB_OFFLINE ?= 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install install-dev run test lint bench eval eval-thresholds eval-ablation browser clean

install: $(VENV)/.installed

# torch first and pinned: the CPU build on disk; an unpinned one pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[st,llm]'
	touch $@

install-dev: $(VENV)/.installed-dev

# llama-cpp-python compiles llama.cpp here (about 6 minutes the first time; pip caches the wheel).
$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install -q -e '.[st,llm,llamacpp,dev]'
	touch $@

# Debian's Chromium for the browser tests (playwright cannot download its own here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	  else echo "install Chromium: sudo apt-get install chromium chromium-driver"; fi; fi

run: install
	@if ! $(VENV)/bin/scqa stats --store $(STORE) 2>/dev/null | grep -qE '^chunks: [1-9]'; then \
	  $(VENV)/bin/scqa ingest ingest --store $(STORE); fi
	SCQA_STORE=$(STORE) $(PY) app.py --host $(HOST) --port $(PORT)

test: install-dev browser
	$(VENV)/bin/ruff check src tests app.py bench scripts
	$(VENV)/bin/pytest

lint: install-dev
	$(VENV)/bin/ruff check src tests app.py bench scripts
	$(VENV)/bin/ruff format --check src tests app.py bench scripts

bench: install-dev
	$(PY) bench/bench_core.py

eval: install
	$(VENV)/bin/scqa eval eval/shared.jsonl eval/sample.jsonl eval/probe.jsonl eval/probe2.jsonl eval/heldout2.jsonl --corpus ../shared/corpus --corpus ingest --store $(STORE)-eval --out eval/reports/latest

# Re-measure the regression gate (tests/test_eval_gate.py) from a fresh default-config run.
eval-thresholds: install
	$(VENV)/bin/scqa eval eval/shared.jsonl eval/sample.jsonl eval/probe.jsonl eval/probe2.jsonl eval/heldout2.jsonl --corpus ../shared/corpus --corpus ingest --store $(STORE)-eval --out eval/reports/latest --write-thresholds eval/thresholds.json

# The retrieval ablation in one run: dense / BM25 / hybrid / hybrid + folded.
eval-ablation: install
	$(VENV)/bin/scqa eval eval/shared.jsonl eval/sample.jsonl eval/probe.jsonl eval/probe2.jsonl eval/heldout2.jsonl --corpus ../shared/corpus --corpus ingest --store $(STORE)-eval --out eval/reports/ablation --config dense --config bm25 --config hybrid --config hybrid+folded --config hybrid+folded+restored

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache .ruff_cache
