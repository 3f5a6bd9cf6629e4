"""moto's server with a shiftable clock, for tests of age-based checks.

moto stamps everything it creates with "now", so an access key 400 days old or a role last used 200 days ago
cannot be seeded through its API. This launcher runs moto's own WSGI application in-process with the clock
patched, and adds one control endpoint:

    GET  /_clock                       -> {"offset_seconds": ..., "now": "2025-...Z"}
    POST /_clock {"offset_days": -400} -> the server's "now" is 400 days in the past from then on
    POST /_clock {}                    -> back to the real clock (offset 0)

Seed with the clock shifted, set it back to 0, then assess: what was created while shifted carries the old date.

What the offset reaches (moto 5.1): every moto module's `utcnow` (moto.core.utils.utcnow and the copies that
`from moto.core.utils import utcnow` bound), which stamps IAM users, login profiles, access keys and their last
use, roles and RoleLastUsed (set when credentials from sts:AssumeRole make a call), policies and STS expirations;
and `time.time()` as Secrets Manager's models module sees it (CreatedDate, LastRotatedDate). Nothing else in the
process (werkzeug, botocore) sees a shifted clock.

Usage: python3 moto_clock_server.py [-H 127.0.0.1] [-p PORT]
"""

import argparse
import datetime
import json
import os
import sys
import threading
import time as _real_time_module

import moto.core.utils as core_utils

_lock = threading.Lock()
_offset = datetime.timedelta(0)
_real_utcnow = core_utils.utcnow


def _current_offset() -> datetime.timedelta:
    with _lock:
        return _offset


def shifted_utcnow() -> datetime.datetime:
    return _real_utcnow() + _current_offset()


class _ShiftedTime:
    """Stands in for the `time` module inside a moto models module: time() is shifted, the rest is the real one."""

    def __getattr__(self, name):
        return getattr(_real_time_module, name)

    def time(self) -> float:
        return _real_time_module.time() + _current_offset().total_seconds()


# Patch before the service modules are imported, so their `from moto.core.utils import utcnow` binds the shifted one.
core_utils.utcnow = shifted_utcnow

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402

# Modules whose `time` is shifted: they stamp dates with time.time() instead of utcnow().
_TIME_MODULES = ("moto.secretsmanager.models",)
_EAGER_MODULES = ("moto.iam.models", "moto.sts.models", "moto.secretsmanager.models")


def _patch_loaded_modules() -> None:
    """Rebinds the copies of utcnow taken before the patch, and shifts time.time() where moto uses it for dates."""
    for name in _EAGER_MODULES:
        __import__(name)
    for name, module in list(sys.modules.items()):
        if not name.startswith("moto") or module is None:
            continue
        if getattr(module, "utcnow", None) is _real_utcnow:
            module.utcnow = shifted_utcnow
        if name in _TIME_MODULES and getattr(module, "time", None) is _real_time_module:
            module.time = _ShiftedTime()


def _set_offset(body: dict) -> None:
    global _offset
    seconds = float(body.get("offset_days", 0)) * 86400 + float(body.get("offset_seconds", 0))
    with _lock:
        _offset = datetime.timedelta(seconds=seconds)


class ClockApp:
    """WSGI middleware: answers /_clock itself and hands everything else to moto."""

    def __init__(self, inner):
        self.inner = inner

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != "/_clock":
            return self.inner(environ, start_response)
        if environ.get("REQUEST_METHOD") == "POST":
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            try:
                _set_offset(json.loads(raw or b"{}"))
            except (ValueError, TypeError) as error:
                start_response("400 Bad Request", [("Content-Type", "application/json")])
                return [json.dumps({"error": str(error)}).encode()]
        payload = {
            "offset_seconds": _current_offset().total_seconds(),
            "now": shifted_utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(payload).encode()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, required=True)
    args = parser.parse_args()

    os.environ.setdefault("MOTO_PORT", str(args.port))  # as moto's own launcher does
    _patch_loaded_modules()
    app = DomainDispatcherApplication(create_backend_app)

    from werkzeug.serving import run_simple

    run_simple(args.host, args.port, ClockApp(app), threaded=True)


if __name__ == "__main__":
    main()
