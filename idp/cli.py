"""Operator commands: `flask clients ...`, `flask keys ...` and `flask purge` (staff: idp/staff/cli.py,
audit log: idp/audit/cli.py, agencies' initial access tokens: idp/registration/cli.py)."""

import json

import click

from idp import maintenance
from idp.audit import disclosure_seals
from idp.audit.cli import audit_cli
from idp.backchannel.cli import backchannel_cli
from idp.cli_client_metadata import load_jwks_file, token_metadata, token_metadata_options, update_command
from idp.cli_errors import OperatorCommand, OperatorGroup
from idp.extensions import db
from idp.models.client import AUTH_METHODS
from idp.protocol import keys as key_store
from idp.protocol.fapi2 import PROFILES
from idp.protocol.keys import SUPPORTED_ALGS
from idp.receipts_cli import receipts_cli
from idp.registration.cli import agencies_cli
from idp.services import client_purposes, consents
from idp.services import clients as registry
from idp.staff.cli import staff_cli

clients_cli = OperatorGroup("clients", help="Register and manage relying parties.")
keys_cli = OperatorGroup("keys", help="Signing keys: list and rotate.")


def _print(data: dict, as_json: bool):
    if as_json:
        click.echo(json.dumps(data))
        return
    for name, value in data.items():
        click.echo(f"{name}: {value}")


def _find_or_fail(client_id):
    client = registry.find(client_id)
    if client is None:
        raise click.ClickException(f"no client with id {client_id!r}")
    return client


@clients_cli.command("create")
@click.option("--name", required=True, help='The service as citizens know it, e.g. "Pajak Daerah".')
@click.option("--agency", help='The agency that runs it, e.g. "Bapenda DKI Jakarta" (shown apart from the name).')
@click.option("--redirect-uri", "redirect_uris", multiple=True, required=True)
@click.option("--post-logout-redirect-uri", "post_logout_redirect_uris", multiple=True)
@click.option("--client-uri", help="The service's home page (https): a citizen back at a finished sign-in goes there.")
@click.option("--scope", default="openid profile phone", show_default=True)
@click.option("--auth-method", type=click.Choice(AUTH_METHODS), default="client_secret_basic", show_default=True)
@click.option("--jwks-uri")
@click.option("--jwks", "jwks_file", type=click.Path(dir_okay=False), help="File with the client's public JWKS.")
@click.option("--sector", help="Sector identifier for pairwise subjects (default: redirect URI host).")
@click.option("--id-token-alg", type=click.Choice(SUPPORTED_ALGS), default="RS256", show_default=True)
@click.option("--require-pkce/--no-require-pkce", default=True, show_default=True)
@click.option(
    "--require-pushed-authorization-requests/--no-require-pushed-authorization-requests",
    default=False,
    show_default=True,
    help="Accept authorization requests only through the PAR endpoint (RFC 9126).",
)
@click.option(
    "--dpop-bound-access-tokens/--no-dpop-bound-access-tokens",
    default=False,
    show_default=True,
    help="Issue only DPoP-bound tokens: every token request must carry a DPoP proof (RFC 9449).",
)
@click.option(
    "--profile",
    type=click.Choice(PROFILES),
    help="fapi2: enforce the FAPI 2.0 Security Profile (private_key_jwt, PAR, PKCE, DPoP, PS256/ES256/EdDSA).",
)
@token_metadata_options
@click.option(
    "--protected",
    is_flag=True,
    help="A service for people who must not be traced: it receives only openid and its pairwise sub.",
)
@click.option(
    "--purpose",
    "purposes",
    multiple=True,
    metavar='SCOPE="TEXT"',
    help="Why the service asks for a scope, shown to citizens; one for every scope but openid.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def create(
    name,
    agency,
    redirect_uris,
    post_logout_redirect_uris,
    client_uri,
    scope,
    auth_method,
    jwks_uri,
    jwks_file,
    sector,
    id_token_alg,
    require_pkce,
    require_pushed_authorization_requests,
    dpop_bound_access_tokens,
    profile,
    protected,
    purposes,
    as_json,
    **metadata,
):
    """Register a client. The secret is printed once and never again."""
    try:
        spec = registry.ClientSpec(
            name=name,
            agency=agency,
            redirect_uris=list(redirect_uris),
            post_logout_redirect_uris=list(post_logout_redirect_uris),
            client_uri=client_uri,
            scope=scope,
            auth_method=auth_method,
            jwks=load_jwks_file(jwks_file) if jwks_file else None,
            jwks_uri=jwks_uri,
            sector=sector,
            id_token_alg=id_token_alg,
            require_pkce=require_pkce,
            require_pushed_authorization_requests=require_pushed_authorization_requests,
            dpop_bound_access_tokens=dpop_bound_access_tokens,
            profile=profile,
            **token_metadata(metadata),
            protected=protected,
            purposes=client_purposes.parse(purposes),
        )
        client, secret = registry.register(spec)
    except (registry.InvalidClientMetadata, ValueError) as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    _print(registry.describe(client, secret), as_json)


@clients_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_clients(as_json):
    rows = [registry.describe(c) for c in registry.all_clients()]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        state = " (disabled)" if row["disabled"] else ""
        click.echo(f"{row['client_id']}  {row['client_name']}  {row['token_endpoint_auth_method']}{state}")


@clients_cli.command("show")
@click.argument("client_id")
@click.option("--json", "as_json", is_flag=True)
def show(client_id, as_json):
    _print(registry.describe(_find_or_fail(client_id)), as_json)


@clients_cli.command("rotate-secret")
@click.argument("client_id")
@click.option("--json", "as_json", is_flag=True)
def rotate_secret(client_id, as_json):
    """Issue a new secret; the old one stops working at once."""
    client = _find_or_fail(client_id)
    try:
        secret = registry.rotate_secret(client)
    except registry.InvalidClientMetadata as error:
        raise click.ClickException(str(error)) from None
    _print({"client_id": client.client_id, "client_secret": secret}, as_json)


@clients_cli.command("disable")
@click.argument("client_id")
def disable(client_id):
    """Stop the client: no new sign-ins, and its tokens are revoked."""
    client = _find_or_fail(client_id)
    registry.disable(client)
    click.echo(f"disabled {client.client_id}")


@keys_cli.command("list")
@click.option("--json", "as_json", is_flag=True)
def list_keys(as_json):
    published = {row.kid for row in key_store.published_keys()}
    rows = [
        {
            "kid": k.kid,
            "alg": k.alg,
            "status": key_store.phase(k),
            "created_at": k.created_at.isoformat(),
            "published": k.kid in published,
            "revoked_at": k.revoked_at.isoformat() if k.revoked_at else None,
        }
        for k in key_store.all_keys()
    ]
    if as_json:
        click.echo(json.dumps(rows))
        return
    for row in rows:
        click.echo(f"{row['kid']}  {row['alg']}  {row['status']}  published={row['published']}")


@keys_cli.command("reencrypt")
def reencrypt():
    """Encrypt the signing keys and TOTP secrets again with the first KEY_ENCRYPTION_KEY:
    the step between adding a new key-encryption key and removing the old one."""
    for name, count in maintenance.reencrypt_at_rest().items():
        click.echo(f"{name}: {count} re-encrypted")


@keys_cli.command("rotate")
@click.option(
    "--alg",
    "algs",
    type=click.Choice(SUPPORTED_ALGS),
    multiple=True,
    help="Rotate only this algorithm's key (repeatable). Default: every algorithm.",
)
@click.option(
    "--now",
    "immediately",
    is_flag=True,
    help="A compromised key: sign with the new key at once and revoke every earlier key of the algorithm.",
)
def rotate(algs, immediately):
    """Publish a new key for each algorithm (all, unless --alg); it signs after
    KEY_ROLLOVER_SECONDS and the old one stays published. Keys are stored alike,
    so without --alg, --now treats every algorithm's key as compromised."""
    key_store.ensure_keys()  # a fresh deployment: its first keys, then the rotation
    for alg in algs or SUPPORTED_ALGS:
        replaced = [k.kid for k in key_store.trusted_keys() if k.alg == alg]
        row = key_store.rotate(alg, immediately=immediately)
        assert row.activated_at is not None  # rotate() always sets when the new key takes over
        click.echo(f"published {row.kid} ({row.alg}); signs from {row.activated_at.isoformat()}")
        if immediately:
            for kid in replaced:
                click.echo(f"revoked {kid}: unpublished, signs and verifies nothing")


@click.command("purge", cls=OperatorCommand)
@click.option("--batch-size", type=click.IntRange(min=1), help="Rows per transaction (default: PURGE_BATCH_SIZE).")
def purge_command(batch_size):
    """Delete expired tokens, interactions, codes, OTP challenges and old sessions, in batches;
    log lapsed consents; seal the disclosures recorded since the last run into the audit log."""
    click.echo(f"disclosures: {disclosure_seals.seal()} sealed")
    for name, count in maintenance.purge(batch_size).items():
        click.echo(f"{name}: {count} deleted")
    # Kept, not deleted: a lapsed consent gets its "expired" event and its service's tokens end.
    click.echo(f"consents: {consents.expire_due()} expired")


def register_cli(app):
    app.cli.add_command(purge_command)
    clients_cli.add_command(update_command, "update")
    app.cli.add_command(clients_cli)
    app.cli.add_command(keys_cli)
    app.cli.add_command(backchannel_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(receipts_cli)
    app.cli.add_command(agencies_cli)
