"""SCQA_AUTH: who may use the app, and where it may listen.

`SCQA_AUTH` holds `user:password` pairs separated by commas, or the path of a file with one pair
a line (blank lines and `#` comments ignored). There is no default password: without SCQA_AUTH the
app serves only the loopback address.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from .errors import InvalidRequest

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def parse_auth(spec: str) -> list[tuple[str, str]]:
    """The (user, password) pairs in `spec` (pairs or a file path); [] for an empty spec."""
    spec = (spec or "").strip()
    if not spec:
        return []
    path = Path(spec).expanduser()
    if ":" not in spec or path.is_file():
        if not path.is_file():
            raise InvalidRequest(
                f"SCQA_AUTH={spec!r} is neither user:password pairs nor a readable file"
            )
        lines = path.read_text(encoding="utf-8").splitlines()
        entries = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        where = str(path)
    else:
        entries = [e.strip() for e in spec.split(",") if e.strip()]
        where = "SCQA_AUTH"
    pairs = []
    for entry in entries:
        user, sep, password = entry.partition(":")
        if not sep or not user.strip() or not password:
            raise InvalidRequest(
                f"{where}: entry {user.strip() or entry!r} must be user:password "
                "with a non-empty user and password"
            )
        pairs.append((user.strip(), password))
    if not pairs:
        raise InvalidRequest(f"{where} holds no user:password pair")
    return pairs


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: list[tuple[str, str]]) -> None:
    """Refuse to serve a non-loopback address without authentication."""
    if not is_loopback(host) and not auth:
        raise InvalidRequest(
            f"refusing to listen on {host!r} without authentication: set SCQA_AUTH to "
            "user:password pairs (or a file of them), or use --host 127.0.0.1"
        )
