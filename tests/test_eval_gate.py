"""The regression gate: the shared and sample sets on the default configuration, against the
session store holding both corpora, must stay at or above eval/thresholds.json.

Re-measure (after a deliberate change) with `make eval-thresholds`, which rewrites the file from
a fresh run; the bounds sit a small margin below the measured values.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scqa import Assistant, evaluate, load_questions
from scqa.eval_gate import check_thresholds, load_thresholds

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = ROOT / "eval" / "thresholds.json"


@pytest.mark.slow
def test_quality_does_not_drop_below_the_measured_thresholds(built_store):
    thresholds = load_thresholds(THRESHOLDS)
    assert thresholds["config"] == "default"
    questions = load_questions([ROOT / s for s in thresholds["sets"]])
    with Assistant(store=built_store) as assistant:
        report = evaluate(assistant, questions, k=thresholds["k"])
    assert report.warnings == []  # every gold source is in the store
    assert report.metrics["errors"] == 0
    failures = check_thresholds(report, thresholds)
    measured = {key: report.metric(key) for key in thresholds["min"]}
    assert failures == [], f"measured now: {measured}"
