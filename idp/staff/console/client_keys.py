"""A client's public keys and the encryption of its responses, in the operator console.

The keys are a JWK Set pasted in, or a jwks_uri; either is checked like any
registration: public halves only, each usable for an algorithm we use
(idp/protocol/client_keys.py), a key for the encryption chosen, and a client allowed
the NIK keeps its encryption (idp/protocol/sensitive_scopes.py). Every change is a
`client.keys_replaced` audit event naming the keys by `kid`.
"""

import json

from flask import redirect, render_template, request, url_for

from idp.extensions import db
from idp.protocol.client_metadata import InvalidClientMetadata
from idp.protocol.encryption_algs import ENCRYPTION_ALGS
from idp.services import client_updates
from idp.staff import bp
from idp.staff.access import staff_required
from idp.staff.console.clients import OPERATOR, client_or_404
from idp.staff.console.key_form import keys_from
from idp.web import after_post
from idp.web.errors import PageError
from idp.web.i18n import N_

KEPT_JWKS_CHARACTERS = 2_000  # what a refused form keeps for its page (a cookie is small)


def _current(client) -> dict:
    return {
        "jwks": json.dumps(client.jwks, indent=2) if client.jwks else "",
        "jwks_uri": client.jwks_uri or "",
        "encryption": client.id_token_encrypted_response_alg or "",
    }


@bp.route("/console/clients/<client_id>/keys", methods=["GET", "POST"])
@staff_required(OPERATOR)
def console_client_keys(client_id: str):
    client = client_or_404(client_id)
    if client.deleted_at is not None:
        raise PageError("Not allowed", N_("Its agency deleted this client; its keys cannot change."), 409)
    if request.method == "POST":
        return _replace(client)
    values, status, _headers = after_post.shown()
    form = values.get("form") or _current(client)
    page = render_template(
        "staff/console/client_keys.html", client=client, form=form, error=values.get("error"), algs=ENCRYPTION_ALGS
    )
    return page, status


def _replace(client):
    try:
        client_updates.replace_keys(client, *keys_from(request.form))
    except InvalidClientMetadata as error:
        db.session.rollback()
        kept = {name: request.form.get(name, "") for name in ("jwks", "jwks_uri", "encryption")}
        if len(kept["jwks"]) > KEPT_JWKS_CHARACTERS:
            kept["jwks"] = ""
        return after_post.show_again(400, error=str(error), form=kept)
    return redirect(url_for("staff.console_client", client_id=client.client_id), code=303)
