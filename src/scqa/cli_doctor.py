"""`scqa doctor [--store DIR] [--llm SPEC] [--json]`: is every configured part answering?"""

from __future__ import annotations

import argparse
import json

from .cli import EXIT_FAILED, EXIT_OK, _assistant, extension


def cmd_doctor(args: argparse.Namespace) -> int:
    from .diagnostics import diagnose

    with _assistant(args, llm=args.llm) as a:
        checks = diagnose(a)
    if args.json:
        print(json.dumps([c.to_dict() for c in checks], ensure_ascii=False, indent=2))
    else:
        for c in checks:
            print(f"{c.part:<9} {'ok' if c.ok else 'FAILED':<7} {c.target}: {c.detail}")
    return EXIT_OK if all(c.ok for c in checks) else EXIT_FAILED


@extension
def _register(add) -> None:
    sp = add("doctor", cmd_doctor, "Check that the embedder, the store and the LLM answer.")
    sp.add_argument("--llm", help="check this answerer instead of SCQA_LLM")
    sp.add_argument("--json", action="store_true", help="print the checks as JSON")
