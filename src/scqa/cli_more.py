"""Subcommands beyond the core: `eval`, `serve`, `doctor`. Each lives in its own module, parses,
calls the library and formats; importing it registers it through `cli.extension`."""

from __future__ import annotations

from . import (
    cli_doctor,  # noqa: F401 - registers `scqa doctor`
    cli_eval,  # noqa: F401 - registers `scqa eval`
    cli_serve,  # noqa: F401 - registers `scqa serve`
)
