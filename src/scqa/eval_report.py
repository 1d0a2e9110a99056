"""Writing an evaluation run: results.jsonl, metrics.json and a self-contained report.html.

The HTML holds tables (configurations side by side, by set, language and tag, every question)
and matplotlib plots embedded as base64 PNG, so the file can be mailed or attached to CI.
"""

from __future__ import annotations

import base64
import html
import io
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .evaluation import EvalReport
from .types import ABSTAIN_REASONS

TABLE_METRICS = (
    "questions",
    "accuracy",
    "hit@1",
    "hit@{k}",
    "recall@{k}",
    "mrr",
    "ndcg@10",
    "key_fact_accuracy",
    "key_fact_partial",
    "citation_precision",
    "abstention_precision",
    "abstention_recall",
    "false_abstention_rate",
    "answer_chars",
    "latency_p50_ms",
    "latency_p95_ms",
    "faithfulness_llm_judged",
    "errors",
)
PLOT_METRICS = ("accuracy", "hit@{k}", "mrr", "key_fact_accuracy")
COMPARE_METRICS = (
    "accuracy",
    "hit@{k}",
    "mrr",
    "ndcg@10",
    "key_fact_accuracy",
    "citation_precision",
    "abstention_recall",
    "false_abstention_rate",
)


def write_outputs(reports: Sequence[EvalReport], out: str | Path) -> dict[str, Path]:
    """Write the three files into `out` (created); return their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "results": out / "results.jsonl",
        "metrics": out / "metrics.json",
        "report": out / "report.html",
    }
    with paths["results"].open("w", encoding="utf-8") as f:
        for report in reports:
            for r in report.results:
                f.write(json.dumps({"config": report.config, **r.to_dict()}, ensure_ascii=False))
                f.write("\n")
    metrics = {
        "primary_metric": reports[0].primary_metric,
        "configs": {r.config: r.to_dict(results=False) for r in reports},
    }
    paths["metrics"].write_text(
        json.dumps(metrics, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    paths["report"].write_text(render_html(reports), encoding="utf-8")
    return paths


def metric_names(names: Sequence[str], k: int) -> list[str]:
    return [n.format(k=k) for n in names]


def fmt(name: str, value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) or name in ("questions", "errors"):
        return str(value)
    if name.endswith("_ms") or name == "answer_chars":
        return f"{value:.0f}"
    return f"{value:.3f}"


def render_html(reports: Sequence[EvalReport]) -> str:
    k = reports[0].k
    configs = [r.config for r in reports]
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>scqa evaluation</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>scqa evaluation</h1>",
        f"<p>Configurations: {', '.join(html.escape(c) for c in configs)}; k = {k}; "
        f"{reports[0].metrics['questions']} questions; primary metric: "
        f"<b>{html.escape(reports[0].primary_metric)}</b> (answerable: answered with every key "
        "fact; unanswerable: abstained).</p>",
    ]
    for r in reports:
        for w in r.warnings:
            parts.append(f"<p class='warn'>{html.escape(r.config)}: {html.escape(w)}</p>")
    parts.append("<h2>Configurations side by side</h2>")
    rows = [["description", *(_desc(r) for r in reports)]]
    for name in metric_names(TABLE_METRICS, k):
        if any(name in r.metrics for r in reports):
            rows.append([name, *(fmt(name, r.metrics.get(name)) for r in reports)])
    parts.append(_table(["metric", *configs], rows, "configs"))
    parts.append("<h2>Why it abstained</h2>")
    parts.append(_reasons_table(reports))
    parts.append(_img(plot_configs(reports), "metrics by configuration"))
    parts.append("<h2>By language</h2>")
    parts.append(_img(plot_split(reports, "by_language"), "metrics by language"))
    parts.append("<h2>By tag</h2>")
    parts.append(_img(plot_split(reports, "by_tag"), "metrics by tag"))
    parts.append("<h2>Latency</h2>")
    parts.append(_img(plot_latency(reports), "latency distribution"))
    for r in reports:
        parts.append(f"<h2>Configuration {html.escape(r.config)}</h2>")
        for title, split in (("set", r.by_set), ("language", r.by_language), ("tag", r.by_tag)):
            parts.append(f"<h3>By {title}</h3>")
            names = [n for n in metric_names(TABLE_METRICS, k) if n != "errors"]
            rows = [[g, *(fmt(n, m.get(n)) for n in names)] for g, m in split.items()]
            parts.append(_table([title, *names], rows, f"by-{title}"))
        parts.append(
            f"<details><summary>Every question ({len(r.results)})</summary>"
            f"{_questions_table(r)}</details>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def _reasons_table(reports: Sequence[EvalReport]) -> str:
    """Per reason, the unanswerable questions declined for it (right) and the answerable ones
    (false abstentions), each configuration side by side."""
    rows = [
        [
            reason,
            *(
                f"{r.metrics.get(f'declined:{reason}', 0)} / {r.metrics.get(f'false:{reason}', 0)}"
                for r in reports
            ),
        ]
        for reason in ABSTAIN_REASONS
    ]
    header = ["reason: unanswerable declined / answerable declined", *(r.config for r in reports)]
    return _table(header, rows, "reasons")


def _desc(report: EvalReport) -> str:
    s = report.setup
    return f"answerer {s.get('answerer')}; weights {s.get('weights')}"


def _table(header: list[str], rows: list[list[str]], cls: str) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _questions_table(report: EvalReport) -> str:
    k = report.k
    rows = []
    for r in sorted(report.results, key=lambda r: (r.values.get("correct", 0), r.question.key)):
        v = r.values
        rank = v.get("rank")
        rows.append(
            [
                r.question.key,
                r.question.language,
                " ".join(r.question.tags),
                "yes" if v.get("correct") else "no",
                "–" if rank is None else f"{rank:.0f}",
                (r.abstain_reason or "yes") if r.abstained else "no",
                fmt("key_facts_partial", v.get("key_facts_partial")),
                fmt("latency_ms", r.latency_ms),
                r.question.question,
                (r.error or r.answer)[:300],
            ]
        )
    header = ["id", "lang", "tags", "correct", f"rank (hit@{k})", "abstained", "facts", "ms"]
    return _table([*header, "question", "answer"], rows, "questions")


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f"<img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'>"


def _figure():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    plt = _figure()
    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


def _bars(ax, groups: list[str], series: dict[str, list[float]], title: str) -> None:
    n = max(1, len(series))
    width = 0.8 / n
    for i, (label, values) in enumerate(series.items()):
        xs = [g + (i - (n - 1) / 2) * width for g in range(len(groups))]
        ax.bar(xs, values, width, label=label)
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title(title, fontsize=10)
    ax.grid(axis="y", alpha=0.3)


def _num(value: float | None) -> float:
    """An undefined metric draws no bar (NaN), rather than a bar at zero."""
    return math.nan if value is None else float(value)


def plot_configs(reports: Sequence[EvalReport]) -> bytes:
    plt = _figure()
    names = metric_names(COMPARE_METRICS, reports[0].k)
    fig, ax = plt.subplots(figsize=(10, 4))
    series = {r.config: [_num(r.metrics.get(n)) for n in names] for r in reports}
    _bars(ax, names, series, "Configurations side by side")
    ax.legend(fontsize=8)
    return _png(fig)


def plot_split(reports: Sequence[EvalReport], attr: str) -> bytes:
    """One panel per headline metric; groups (languages or tags) on x, one bar per config."""
    plt = _figure()
    names = metric_names(PLOT_METRICS, reports[0].k)
    groups = sorted({g for r in reports for g in getattr(r, attr)})
    width = max(8, 0.5 * len(groups) * len(reports) + 2)
    fig, grid = plt.subplots(
        len(names), 1, figsize=(min(width, 18), 2.6 * len(names)), squeeze=False
    )
    axes = grid[:, 0]
    for ax, name in zip(axes, names, strict=True):
        series = {
            r.config: [_num(getattr(r, attr).get(g, {}).get(name)) for g in groups] for r in reports
        }
        _bars(ax, groups, series, f"{name} by {attr.removeprefix('by_')}")
    axes[0].legend(fontsize=8)
    return _png(fig)


def plot_latency(reports: Sequence[EvalReport]) -> bytes:
    plt = _figure()
    fig, ax = plt.subplots(figsize=(8, 3.5))
    for r in reports:
        ms = [x.latency_ms for x in r.results]
        p50, p95 = r.metrics.get("latency_p50_ms"), r.metrics.get("latency_p95_ms")
        label = f"{r.config} (p50 {fmt('p50_ms', p50)}, p95 {fmt('p95_ms', p95)} ms)"
        ax.hist(ms, bins=min(30, max(5, len(ms) // 3)), histtype="step", linewidth=1.5, label=label)
    ax.set_xlabel("latency of Assistant.ask (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Latency distribution", fontsize=10)
    ax.legend(fontsize=8)
    return _png(fig)


CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
table.questions td:last-child, table.questions td:nth-last-child(2) { max-width: 28em; }
img { max-width: 100%; display: block; margin: 0.5em 0 1.5em; }
.warn { color: #a00; }
"""
