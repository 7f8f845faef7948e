"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""

import click

try:
    from idp import create_app

    app = create_app()
except RuntimeError as refusal:
    # config.ConfigurationError: a setting the app refuses to start with. Under the `flask`
    # command the operator gets one line (click prints "Error: ..."); a WSGI server still
    # gets the exception. Matched by name: config.py itself may be what failed to import.
    if type(refusal).__name__ != "ConfigurationError" or click.get_current_context(silent=True) is None:
        raise
    raise click.ClickException(str(refusal)) from None
