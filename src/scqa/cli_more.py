"""Subcommands beyond the core: `eval`, `serve`, `doctor`. Each parses, calls the library,
formats. Registered on the parser through `cli.extension`."""

from __future__ import annotations

from . import cli_doctor  # noqa: F401 - registers `scqa doctor`
from . import cli_eval  # noqa: F401 - registers `scqa eval`
from . import cli_serve  # noqa: F401 - registers `scqa serve`
from .cli import extension  # noqa: F401 - used by the registrations below
