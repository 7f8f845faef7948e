"""Authlib's storage hooks for the grants: which client is asking, and saving a token."""

from flask import current_app

from idp.services import clients, tokens


def query_client(client_id):
    """Authlib's client lookup: disabled clients are as good as unknown."""
    return clients.find_live(client_id)


def save_token(token, request):
    """Link the new token to its code, or to the refresh-token family it continues."""
    refreshing = request.refresh_token
    origin = refreshing or request.authorization_code
    tokens.save(
        client_id=request.client.client_id,
        citizen_id=request.user.id,
        scope=token["scope"],
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token"),
        expires_in=token["expires_in"],
        refresh_ttl_seconds=current_app.config["REFRESH_TOKEN_TTL_SECONDS"],
        family_id=refreshing.family_id if refreshing else None,
        code_id=origin.code_id if refreshing else origin.id,
        sid=origin.sid,
        auth_time=origin.auth_time,
    )
