"""The `scqa` command: parse, call the library, format. Nothing else lives here."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable

from .errors import ScqaError

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


def _assistant(args: argparse.Namespace, **kw):
    from .assistant import Assistant

    return Assistant(store=getattr(args, "store", None), **kw)


def _bar(desc: str):
    """A tqdm bar on stderr driven by ingest's progress callback."""
    from tqdm import tqdm

    bar = tqdm(total=0, desc=desc, unit="file", file=sys.stderr, disable=None, leave=False)

    def update(p) -> None:
        bar.total = p.files_total
        bar.n = p.files_done
        label = p.source.rsplit("/", 1)[-1][:40]
        if p.stage == "embed" and p.chunks_total:
            label += f" ({p.chunks_done}/{p.chunks_total} chunks)"
        bar.set_postfix_str(label, refresh=False)
        bar.refresh()
        if p.stage == "done":
            bar.close()

    return update


def cmd_ingest(args: argparse.Namespace) -> int:
    with _assistant(args) as a:
        report = a.ingest(args.paths, progress=_bar("ingest"), prune=args.prune)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        s = report.to_dict()["summary"]
        print(
            f"added {s['added']}, updated {s['updated']}, unchanged {s['unchanged']}, "
            f"removed {s['removed']}, duplicate {s['duplicate']}, failed {s['failed']} files; "
            f"{s['chunks_written']} chunks written"
        )
        for f in report.files:
            if f.status in ("failed", "duplicate"):
                print(f"{f.status}: {f.source}: {f.reason}", file=sys.stderr)
    return EXIT_OK if report.ok else EXIT_FAILED


def cmd_ask(args: argparse.Namespace) -> int:
    with _assistant(args, llm=args.llm) as a:
        kw = dict(history=args.history or [], k=args.k, filters=_filters(args))
        if args.stream and not args.json:
            answer = None
            for piece in a.stream(args.question, **kw):
                if isinstance(piece, str):
                    print(piece, end="", flush=True)
                else:
                    answer = piece
            print()
        else:
            answer = a.ask(args.question, **kw)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False))
        return EXIT_OK
    if not args.stream:
        print(answer.text)
    if answer.why:
        print(answer.why)
    for c in answer.citations:
        page = f", p. {c.page}" if c.page else ""
        print(f"  [{c.n}] {c.title} — {c.source}{page} (score {c.score:.3f})")
    return EXIT_OK


def _filters(args: argparse.Namespace) -> dict:
    f = {}
    if args.source:
        f["sources"] = args.source
    if args.language:
        f["language"] = args.language
    if args.date_from:
        f["date_from"] = args.date_from
    if args.date_to:
        f["date_to"] = args.date_to
    return f


def cmd_stats(args: argparse.Namespace) -> int:
    with _assistant(args) as a:
        stats = a.stats()
        docs = a.documents() if args.documents else None
    if args.json:
        print(
            json.dumps(
                {**stats, "files": docs} if docs is not None else stats,
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for key, value in stats.items():
        print(f"{key}: {value}")
    for d in docs or []:
        flags = f" [{d['flags']}]" if d["flags"] else ""
        print(f"  {d['source']}  {d['language']}  {d['date'] or '-'}  {d['chunks']} chunks{flags}")
    return EXIT_OK


def cmd_delete(args: argparse.Namespace) -> int:
    with _assistant(args) as a:
        result = a.delete(args.source)
    print(f"removed {result.source}: {result.chunks} chunks")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="scqa", description="Bilingual question answering over Vietnamese smart-city policy."
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.set_defaults(func=func)
        sp.add_argument("--store", help="embedded store directory (SCQA_STORE, ./vectorstore)")
        return sp

    sp = add("ingest", cmd_ingest, "Load, chunk, embed and index files or folders.")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--prune", action="store_true", help="remove files gone from the folders")
    sp.add_argument("--json", action="store_true", help="print the report as JSON")

    sp = add("ask", cmd_ask, "Answer a question from the indexed documents, with citations.")
    sp.add_argument("question")
    sp.add_argument("--k", type=int, default=None, help="passages to retrieve (SCQA_K, 5)")
    sp.add_argument(
        "--history",
        action="append",
        metavar="TEXT",
        help="an earlier user turn, oldest first; repeat for more",
    )
    sp.add_argument("--json", action="store_true", help="print one JSON object")
    sp.add_argument("--stream", action="store_true", help="print the answer as it is generated")
    sp.add_argument("--llm", help="answerer: extractive | ollama:M | openai:M | llamacpp:PATH")
    sp.add_argument("--source", action="append", help="only search this source; repeatable")
    sp.add_argument("--language", choices=["vi", "en"], help="only search documents in it")
    sp.add_argument("--date-from", help="only documents dated on or after yyyy-mm-dd")
    sp.add_argument("--date-to", help="only documents dated on or before yyyy-mm-dd")

    sp = add("stats", cmd_stats, "Show what the store holds.")
    sp.add_argument("--documents", action="store_true", help="list every indexed document")
    sp.add_argument("--json", action="store_true")

    sp = add("delete", cmd_delete, "Remove a document (by its source path) from the store.")
    sp.add_argument("source")
    for extend in _EXTENSIONS:
        extend(add)
    return p


_EXTENSIONS: list[Callable] = []


def extension(func: Callable) -> Callable:
    """Register more subcommands (eval, serve, doctor) defined beside this module."""
    _EXTENSIONS.append(func)
    return func


def main(argv: list[str] | None = None) -> int:
    from . import cli_more  # noqa: F401 - registers the eval / serve / doctor commands

    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return args.func(args)
    except ScqaError as e:
        print(f"scqa: error: {e}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("scqa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
