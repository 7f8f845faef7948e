"""`flask receipts verify FILE`: is this consent receipt ours and unchanged?

Checked against this provider's keys, or a JWKS file someone downloaded from /jwks.json,
as anyone holding the receipt could check it. Without a file, every key the provider still
vouches for counts, retired ones too: a receipt is kept for years, long after the key that
signed it stopped being published for ID tokens (idp/services/consent_receipts.py).
"""

import json

import click
from flask import current_app
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from idp.cli_errors import OperatorGroup
from idp.protocol import keys as key_store
from idp.protocol.consent_receipt import ReceiptInvalid, verify

receipts_cli = OperatorGroup("receipts", help="Consent receipts: verify one.")


def _jwks(path: str | None) -> KeySet:
    if path is None:
        return KeySet.import_key_set({"keys": [row.public_jwk for row in key_store.trusted_keys()]})
    try:
        with open(path, encoding="utf-8") as handle:
            return KeySet.import_key_set(json.load(handle))
    except (OSError, ValueError, KeyError, TypeError, JoseError) as error:
        raise click.ClickException(f"cannot read the JWKS file {path}: {error}") from None


@receipts_cli.command("verify")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--jwks",
    "jwks_file",
    type=click.Path(dir_okay=False),
    help="A JWKS file (default: every key this provider still vouches for).",
)
def verify_receipt(file, jwks_file):
    """Say whether FILE is a valid consent receipt, or exactly what is wrong with it."""
    try:
        with open(file, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise click.ClickException(f"cannot read {file}: {error}") from None
    try:
        receipt = verify(text, _jwks(jwks_file), current_app.config["ISSUER"])
    except ReceiptInvalid as problem:
        raise click.ClickException(f"invalid: {problem}") from None
    services = ", ".join(service["service"] for service in receipt["services"])
    click.echo(
        f"valid: receipt {receipt['consentReceiptID']} ({receipt['event']['type']}) for {services}, "
        f"controller {receipt['piiControllers'][0]['piiController']}, at {receipt['consentTimestamp']}"
    )
