"""`scqa serve [--host H] [--port P] [--store DIR]`: start the Gradio app."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .cli import EXIT_OK, extension

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7860


def add_serve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on ({DEFAULT_HOST}); any other needs SCQA_AUTH",
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port ({DEFAULT_PORT})")


def cmd_serve(args: argparse.Namespace) -> int:
    from .ui import launch

    launch(args.host, args.port, args.store)
    return EXIT_OK


@extension
def register(add: Callable[..., argparse.ArgumentParser]) -> None:
    sp = add("serve", cmd_serve, "Start the web app (Gradio) on 127.0.0.1:7860.")
    add_serve_arguments(sp)
