"""Structured logs: one JSON object per line, with the request's id, and nothing in
them that would let a reader sign in as someone.

Whatever a log line says (a message, an exception, a database error quoting its
statement), before it is written:
- a phone number keeps only what spots a typo: +62 812-****-7890;
- a run of 20 or more token characters mixing letters and digits or both cases (our
  tokens, secrets, digests and JWT parts are all such runs) becomes [redacted];
- a run of 6 to 8 digits standing alone (an SMS code, a TOTP or recovery code) too.
"""

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import IO

from flask import Flask, g, has_request_context

PHONE = re.compile(r"(?<![\w+])(?:\+?62[ -]?|0)(8\d{2})[\d -]{1,8}(\d{4})(?!\d)")
LONG_TOKEN = re.compile(r"[A-Za-z0-9_\-]{20,}")
SHORT_CODE = re.compile(r"(?<![\w.:/-])\d{6,8}(?![\w.:/-])")
REDACTED = "[redacted]"
# Fields a log call may add with extra={...}; anything else stays out of the line.
FIELDS = ("method", "path", "endpoint", "status", "duration_ms", "remote_addr", "scheme")


def _random_looking(match: re.Match) -> str:
    run = match.group()
    classes = sum(any(test(c) for c in run) for test in (str.isupper, str.islower, str.isdigit))
    return REDACTED if classes >= 2 else run  # "openid-configuration" stays readable


def redact(text: str) -> str:
    text = PHONE.sub(r"+62 \1-****-\2", text)
    text = LONG_TOKEN.sub(_random_looking, text)
    return SHORT_CODE.sub(REDACTED, text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request_id = getattr(record, "request_id", None)
        if request_id:
            line["request_id"] = request_id
        for name in FIELDS:
            if hasattr(record, name):
                value = getattr(record, name)
                line[name] = redact(value) if isinstance(value, str) else value
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class RequestIdFilter(logging.Filter):
    """Stamps every record made while a request is served with that request's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if has_request_context() and "request_id" in g:
            record.request_id = g.request_id
        return True


def json_handler(stream: IO[str]) -> logging.Handler:
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    return handler


def configure_logging(app: Flask, stream: IO[str] | None = None) -> None:
    """LOG_FORMAT=json: every logger (ours, Flask's, SQLAlchemy's) writes JSON lines to stderr."""
    if app.config["LOG_FORMAT"] != "json":
        return
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "jaki_json", False)]:
        root.removeHandler(handler)  # a second app in one process replaces, not doubles, it
    handler = json_handler(stream or sys.stderr)
    handler.jaki_json = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(app.config["LOG_LEVEL"])
    app.logger.handlers.clear()  # Flask's own handler would write the line a second time, unredacted
    app.logger.propagate = True
