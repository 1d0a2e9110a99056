"""`scqa eval`: run reference question sets through the assistant, write and print the metrics."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from .cli import EXIT_FAILED, EXIT_OK, _bar, extension

DEFAULT_OUT = "eval-report"


def cmd_eval(args: argparse.Namespace) -> int:
    from .assistant import Assistant
    from .config import Settings
    from .eval_gate import check_thresholds, load_thresholds, write_thresholds
    from .eval_judge import can_judge
    from .eval_report import write_outputs
    from .evaluation import check_config, evaluate, load_questions, open_config

    questions = load_questions(args.sets)
    configs = args.config or ["default"]
    thresholds = load_thresholds(args.check_thresholds) if args.check_thresholds else None
    settings = Settings.from_env(store=args.store)
    for name in configs:
        check_config(name, settings, args.llm)
    with Assistant(settings=settings) as base:
        if args.corpus:
            report = base.ingest(args.corpus, progress=_bar("ingest"))
            for f in report.failed:
                print(f"failed: {f.source}: {f.reason}", file=sys.stderr)
        embedder = base.embedder
    reports = []
    for name in configs:
        with open_config(name, settings, embedder, llm=args.llm) as assistant:
            judge = args.judge or (args.llm if can_judge(args.llm, assistant) else None)
            reports.append(
                evaluate(
                    assistant,
                    questions,
                    k=args.k,
                    progress=_question_bar(name, len(questions)),
                    judge=judge,
                    config=name,
                )
            )
    paths = write_outputs(reports, args.out)
    print(metrics_table(reports))
    for r in reports:
        for w in r.warnings:
            print(f"warning ({r.config}): {w}", file=sys.stderr)
    print(f"\nwrote {paths['results']}, {paths['metrics']}, {paths['report']}")
    if args.write_thresholds:
        write_thresholds(args.write_thresholds, reports[0], [str(s) for s in args.sets])
        print(f"wrote {args.write_thresholds} from config {reports[0].config!r}")
    if thresholds is not None:
        failures = check_thresholds(reports[0], thresholds)
        for f in failures:
            print(f"gate: {f}", file=sys.stderr)
        if failures:
            return EXIT_FAILED
        print(f"gate: every threshold of {args.check_thresholds} holds")
    return EXIT_OK


def metrics_table(reports) -> str:
    from .eval_report import TABLE_METRICS, fmt

    k = reports[0].k
    names = [n.format(k=k) for n in TABLE_METRICS]
    names = [n for n in names if any(n in r.metrics for r in reports)]
    width = max(len(n) for n in names) + 2
    cols = [max(12, len(r.config) + 2) for r in reports]
    lines = [
        "metric".ljust(width)
        + "".join(r.config.rjust(c) for r, c in zip(reports, cols, strict=True))
    ]
    for n in names:
        marker = " *" if n == reports[0].primary_metric else ""
        cells = "".join(
            fmt(n, r.metrics.get(n)).rjust(c) for r, c in zip(reports, cols, strict=True)
        )
        lines.append((n + marker).ljust(width) + cells)
    lines.append(f"(* primary metric; k = {k})")
    return "\n".join(lines)


def _question_bar(config: str, total: int) -> Callable:
    from tqdm import tqdm

    bar = tqdm(total=total, desc=f"eval {config}", unit="q", file=sys.stderr, disable=None)
    correct = [0]

    def update(done: int, total: int, result) -> None:
        correct[0] += int(bool(result.values.get("correct")))
        bar.n = done
        bar.set_postfix_str(f"accuracy {correct[0] / done:.2f}", refresh=False)
        bar.refresh()
        if done == total:
            bar.close()

    return update


@extension
def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("eval", cmd_eval, "Run reference question sets and report quality metrics.")
    sp.add_argument("sets", nargs="+", metavar="SET.jsonl", help="question sets (eval/README.md)")
    sp.add_argument(
        "--corpus",
        action="append",
        metavar="PATH",
        help="ingest this file or folder first (incremental); repeatable",
    )
    sp.add_argument("--out", default=DEFAULT_OUT, help=f"output directory (./{DEFAULT_OUT})")
    sp.add_argument(
        "--config",
        action="append",
        metavar="NAME",
        help="configuration to run: default, dense, bm25, hybrid, hybrid+folded, "
        "hybrid+folded+restored, hybrid+rerank, extractive, llm (scqa.evaluation.CONFIGS); "
        "repeat to compare several in one run",
    )
    sp.add_argument("--k", type=int, default=None, help="passages per answer (SCQA_K, 5)")
    sp.add_argument("--llm", help="answerer for every config: ollama:M | openai:M | llamacpp:PATH")
    sp.add_argument(
        "--judge", help="LLM spec that scores faithfulness (default: --llm when it can judge)"
    )
    sp.add_argument(
        "--write-thresholds", metavar="FILE", help="write gate thresholds from the first config"
    )
    sp.add_argument(
        "--check-thresholds",
        metavar="FILE",
        help="exit 1 when the first config breaks a threshold in FILE",
    )
