"""The regression gate: thresholds measured from a run, and a run checked against them.

eval/thresholds.json holds `min` (and `max`) bounds per metric path (`accuracy`,
`set:shared/hit@5`, see `EvalReport.metric`), written a margin below what was measured, plus the
measured values and how they were measured. Re-measuring is one command:
`scqa eval eval/shared.jsonl eval/sample.jsonl ... --write-thresholds eval/thresholds.json`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from .errors import InvalidRequest
from .eval_metrics import PRIMARY_METRIC

MARGIN = 0.03
GATED_MIN = (PRIMARY_METRIC, "hit@{k}", "mrr", "key_fact_accuracy", "abstention_recall")
GATED_MAX = ("false_abstention_rate",)


def gated_keys(report: Any) -> tuple[list[str], list[str]]:
    """The metric paths a gate holds: the gated metrics overall and per question set."""
    names = [m.format(k=report.k) for m in GATED_MIN]
    scopes = ["", *(f"set:{s}/" for s in report.by_set)] if len(report.by_set) > 1 else [""]
    lows = [f"{scope}{n}" for scope in scopes for n in names]
    highs = [f"{scope}{n}" for scope in scopes for n in GATED_MAX]
    return lows, highs


def thresholds_from(report: Any, sets: list[str], margin: float = MARGIN) -> dict[str, Any]:
    """Bounds `margin` below (above, for `max`) the values `report` measured."""
    lows, highs = gated_keys(report)
    measured = {key: report.metric(key) for key in (*lows, *highs)}
    slack = {key: max(margin, _one_question(report, key)) for key in measured}
    mins = {key: _floor(v - slack[key]) for key in lows if (v := measured[key]) is not None}
    maxs = {key: _ceil(v + slack[key]) for key in highs if (v := measured[key]) is not None}
    summary = ", ".join(
        f"{k} {v:.3f}" for k, v in measured.items() if v is not None and "/" not in k
    )
    return {
        "_comment": (
            f"Measured {dt.date.today().isoformat()} on config {report.config!r} "
            f"(k={report.k}, answerer {report.setup.get('answerer')}, "
            f"signals {report.setup.get('signals')}) over {len(report.results)} questions: "
            f"{summary}. Bounds are {margin}, or one question's worth when that is more, below "
            "(max: above) the measured values. "
            "Re-measure with `make eval-thresholds`."
        ),
        "config": report.config,
        "k": report.k,
        "sets": sets,
        "margin": margin,
        "measured": {k: None if v is None else round(v, 4) for k, v in measured.items()},
        "min": mins,
        "max": maxs,
    }


def _one_question(report, key: str) -> float:
    """What one question changes `key` by: 1 / the questions it averages over."""
    scope, _, name = key.rpartition("/")
    base = {"abstention_recall": "unanswerable", "accuracy": "questions"}.get(name, "answerable")
    n = report.metric(f"{scope}/{base}" if scope else base)
    return 1.0 / n if n else 0.0


def write_thresholds(path: str | Path, report: Any, sets: list[str]) -> dict[str, Any]:
    data = thresholds_from(report, sets)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return data


def load_thresholds(path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise InvalidRequest(f"{path}: no thresholds file") from e
    except json.JSONDecodeError as e:
        raise InvalidRequest(f"{path}: not valid JSON ({e.msg}, line {e.lineno})") from e
    for field in ("k", "min"):
        if field not in data:
            raise InvalidRequest(f"{path}: field {field!r} is missing")
    return data


def check_thresholds(report: Any, thresholds: dict[str, Any]) -> list[str]:
    """One message per bound the report breaks; [] when it passes."""
    if thresholds["k"] != report.k:
        return [f"thresholds were measured at k={thresholds['k']}, this run used k={report.k}"]
    failures = []
    for key, bound in thresholds.get("min", {}).items():
        value = report.metric(key)
        if value is None or value < bound:
            failures.append(f"{key} = {_fmt(value)} is below the threshold {bound}")
    for key, bound in thresholds.get("max", {}).items():
        value = report.metric(key)
        if value is None or value > bound:
            failures.append(f"{key} = {_fmt(value)} is above the threshold {bound}")
    return failures


def _floor(v: float) -> float:
    return max(0.0, math.floor(round(v * 100, 6)) / 100)


def _ceil(v: float) -> float:
    return min(1.0, math.ceil(round(v * 100, 6)) / 100)


def _fmt(v: float | None) -> str:
    return "missing" if v is None else f"{v:.4f}"
