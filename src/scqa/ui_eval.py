"""The Evaluation tab: pick a question set in eval/, run it through `scqa.evaluation.evaluate`,
show the metrics table and plots, offer report.html for download."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import gradio as gr

from .assistant import Assistant
from .errors import ScqaError
from .ui_i18n import t

EVAL_DIRS = (Path.cwd() / "eval", Path(__file__).resolve().parents[2] / "eval")


def eval_sets() -> dict[str, Path]:
    """Question sets (`*.jsonl`) in ./eval and in the source checkout's eval/, by file name."""
    found: dict[str, Path] = {}
    for folder in EVAL_DIRS:
        if folder.is_dir():
            for p in sorted(folder.glob("*.jsonl")):
                found.setdefault(p.name, p)
    return found


def build_eval_tab(assistant: Assistant, lang0: str, lang: gr.State) -> list[tuple[Any, str, str]]:
    """Lay out the tab inside the current `gr.Tab`; return its (component, key, prop) labels."""
    labelled: list[tuple[Any, str, str]] = []

    def L(component: Any, key: str, prop: str = "label") -> Any:  # noqa: N802
        labelled.append((component, key, prop))
        return component

    try:
        from .eval_report import (
            TABLE_METRICS,
            fmt,
            metric_names,
            plot_latency,
            plot_split,
            write_outputs,
        )
        from .evaluation import evaluate, load_questions
    except ImportError:
        L(gr.Markdown(t(lang0, "eval_missing")), "eval_missing", "value")
        return labelled
    sets = eval_sets()
    if not sets:
        L(gr.Markdown(t(lang0, "eval_none")), "eval_none", "value")
        return labelled

    with gr.Row():
        pick = L(
            gr.Dropdown(
                list(sets),
                value=next(iter(sets)),
                label=t(lang0, "eval_set"),
                scale=3,
                elem_id="scqa-eval-set",
            ),
            "eval_set",
        )
        run = L(gr.Button(t(lang0, "eval_run"), variant="primary", scale=1), "eval_run", "value")
    summary = gr.Markdown("", elem_id="scqa-eval-summary")
    with gr.Row():
        with gr.Column(scale=2):
            table = L(
                gr.Dataframe(
                    label=t(lang0, "eval_metrics"),
                    interactive=False,
                    elem_id="scqa-eval-metrics",
                    elem_classes="scqa-table",
                ),
                "eval_metrics",
            )
            download = L(
                gr.File(
                    label=t(lang0, "eval_report"), interactive=False, elem_id="scqa-eval-report"
                ),
                "eval_report",
            )
        with gr.Column(scale=3):
            plots = L(
                gr.Gallery(
                    label=t(lang0, "eval_plots"),
                    columns=1,
                    height="auto",
                    object_fit="contain",
                    preview=False,
                    elem_id="scqa-eval-plots",
                ),
                "eval_plots",
            )

    def on_run(name, lang_v, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        if name not in sets:
            raise gr.Error(t(lang_v, "eval_none"), print_exception=False)
        try:
            questions = load_questions(sets[name])

            def step(i: int, n: int, result: Any) -> None:
                progress((i, n), desc=f"{i}/{n}")

            report = evaluate(assistant, questions, progress=step)
            out = Path(assistant.settings.store) / "eval-reports" / time.strftime("%Y%m%d-%H%M%S")
            paths = write_outputs([report], out)
        except ScqaError as e:
            raise gr.Error(str(e).splitlines()[0][:300], print_exception=False) from None
        images = []
        for attr, png in (
            ("by_language", plot_split([report], "by_language")),
            ("by_tag", plot_split([report], "by_tag")),
            ("latency", plot_latency([report])),
        ):
            path = out / f"{attr}.png"
            path.write_bytes(png)
            images.append((str(path), attr.replace("_", " ")))
        names = [n for n in metric_names(TABLE_METRICS, report.k) if n in report.metrics]
        rows = [[n, fmt(n, report.metrics.get(n))] for n in names]
        primary = report.primary_metric
        head = (
            f"**{primary} = {fmt(primary, report.metrics.get(primary))}** · "
            f"{t(lang_v, 'questions_n', n=report.metrics.get('questions'))} · "
            f"{report.duration_s:.1f} s"
        )
        headers = [t(lang_v, "col_metric"), t(lang_v, "col_value")]
        return head, {"headers": headers, "data": rows}, images, str(paths["report"])

    run.click(on_run, [pick, lang], [summary, table, plots, download], api_visibility="private")
    return labelled
