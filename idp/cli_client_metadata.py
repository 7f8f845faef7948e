"""`flask clients create|update` flags for a client's token metadata (OIDC
Registration §2) and back-channel logout (Back-Channel Logout 1.0 §2.2), and
`flask clients update`.
"""

import json

import click

from idp.cli_errors import OperatorCommand
from idp.extensions import db
from idp.protocol import keys as key_store
from idp.protocol.encryption_algs import ENCRYPTION_ALGS, ENCRYPTION_ENCS
from idp.protocol.keys import SUPPORTED_ALGS
from idp.services import client_purposes, client_updates
from idp.services import clients as registry


def token_metadata_options(command):
    """The flags of OIDC Registration's token metadata and Back-Channel Logout 1.0 §2.2."""
    options = [
        click.option("--userinfo-alg", type=click.Choice(SUPPORTED_ALGS), help="Sign UserInfo (application/jwt)."),
        click.option(
            "--id-token-encryption-alg",
            type=click.Choice(ENCRYPTION_ALGS),
            help="Encrypt ID tokens to the client's key (needs --jwks or --jwks-uri).",
        ),
        click.option("--id-token-encryption-enc", type=click.Choice(ENCRYPTION_ENCS), help="Default: A256GCM."),
        click.option("--userinfo-encryption-alg", type=click.Choice(ENCRYPTION_ALGS), help="Encrypt UserInfo."),
        click.option("--userinfo-encryption-enc", type=click.Choice(ENCRYPTION_ENCS), help="Default: A256GCM."),
        click.option("--backchannel-logout-uri", help="Where the logout token is POSTed when a session ends."),
        click.option(
            "--backchannel-logout-session-required/--no-backchannel-logout-session-required",
            default=None,
            help="The logout token must carry sid.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def token_metadata(flags: dict) -> dict:
    """The flags given, as ClientSpec fields; an encryption alg alone gets A256GCM."""
    values = {
        "userinfo_signed_response_alg": flags.pop("userinfo_alg", None),
        "backchannel_logout_uri": flags.pop("backchannel_logout_uri", None),
        "backchannel_logout_session_required": flags.pop("backchannel_logout_session_required", None),
    }
    for what in ("id_token", "userinfo"):
        alg = flags.pop(f"{what}_encryption_alg", None)
        enc = flags.pop(f"{what}_encryption_enc", None)
        values[f"{what}_encrypted_response_alg"] = alg
        values[f"{what}_encrypted_response_enc"] = enc or (ENCRYPTION_ENCS[0] if alg else None)
    return {name: value for name, value in values.items() if value is not None}


def load_jwks_file(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise registry.InvalidClientMetadata(f"cannot read JWKS file {path}: {error}") from None


# `update --no-...`: back to the default of each.
CLEARED: dict[str, dict[str, object]] = {
    "no_userinfo_signing": {"userinfo_signed_response_alg": None},
    "no_id_token_encryption": {"id_token_encrypted_response_alg": None, "id_token_encrypted_response_enc": None},
    "no_userinfo_encryption": {"userinfo_encrypted_response_alg": None, "userinfo_encrypted_response_enc": None},
    "no_backchannel_logout": {"backchannel_logout_uri": None, "backchannel_logout_session_required": False},
}


@click.command(cls=OperatorCommand)
@click.argument("client_id")
@click.option("--jwks-uri")
@click.option("--jwks", "jwks_file", type=click.Path(dir_okay=False), help="File with the client's public JWKS.")
@click.option("--id-token-alg", type=click.Choice(SUPPORTED_ALGS))
@click.option("--client-uri", help="The service's home page (https): a citizen back at a finished sign-in goes there.")
@click.option(
    "--no-client-uri", is_flag=True, help="No home page: a citizen back at a finished sign-in goes to their account."
)
@token_metadata_options
@click.option("--no-userinfo-signing", is_flag=True, help="UserInfo as plain JSON again.")
@click.option("--no-id-token-encryption", is_flag=True)
@click.option("--no-userinfo-encryption", is_flag=True)
@click.option("--no-backchannel-logout", is_flag=True, help="Send no more logout tokens.")
@click.option(
    "--purpose",
    "purposes",
    multiple=True,
    help='scope="why the service needs it" (or scope:en=...); citizens who agreed to the old text are asked again.',
)
@click.option("--json", "as_json", is_flag=True)
def update_command(client_id, jwks_uri, jwks_file, id_token_alg, purposes, client_uri, no_client_uri, as_json, **flags):
    """Change a client's keys, token metadata, home page and purposes; only the options given change."""
    client = registry.find(client_id)
    if client is None:
        raise click.ClickException(f"no client with id {client_id!r}")
    changes: dict = {}
    if purposes:
        try:
            changes["purposes"] = client_purposes.parse(purposes)
        except ValueError as error:
            raise click.ClickException(str(error)) from None
    for flag, defaults in CLEARED.items():
        if flags.pop(flag):
            changes |= defaults
    changes |= token_metadata(flags)
    try:
        if jwks_file:
            changes |= {"jwks": load_jwks_file(jwks_file), "jwks_uri": None}
        if jwks_uri:
            changes |= {"jwks_uri": jwks_uri, "jwks": None}
        if id_token_alg:
            changes["id_token_alg"] = id_token_alg
        if client_uri or no_client_uri:
            changes["client_uri"] = None if no_client_uri else client_uri
        client_updates.update(client, **changes)
        key_store.ensure_keys()  # published before it signs (never created on the signing path)
    except registry.InvalidClientMetadata as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    described = registry.describe(client)
    if as_json:
        click.echo(json.dumps(described))
        return
    for name, value in described.items():
        click.echo(f"{name}: {value}")
