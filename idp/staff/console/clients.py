"""Clients in the operator console. A secret is shown once, on the page the post that made it
redirects to (idp/web/after_post.py): back or reload never registers or rotates again."""

from flask import redirect, render_template, request, url_for

from idp.extensions import db
from idp.models.client import AUTH_METHODS
from idp.protocol.claims import SCOPES_SUPPORTED
from idp.protocol.client_metadata import InvalidClientMetadata
from idp.protocol.encryption_algs import ENCRYPTION_ALGS, ENCRYPTION_ENCS
from idp.protocol.keys import signing_algs
from idp.services import client_updates, clients, initial_access_tokens
from idp.staff import bp
from idp.staff.access import staff_required
from idp.staff.console.key_form import keys_from
from idp.web import after_post
from idp.web.errors import PageError
from idp.web.i18n import N_

OPERATOR = "operator"


def client_or_404(client_id: str):
    client = clients.find(client_id)
    if client is None:
        raise PageError("Not found", N_("There is no client with this id."), 404)
    return client


def _agencies() -> dict[int, str]:
    return {row.id: row.agency for row in initial_access_tokens.all_tokens()}


@bp.route("/console/")
@bp.route("/console/clients")
@staff_required(OPERATOR)
def console_clients():
    return render_template("staff/console/clients.html", clients=clients.all_clients(), agencies=_agencies())


@bp.route("/console/clients/new", methods=["GET", "POST"])
@staff_required(OPERATOR)
def console_new_client():
    form = request.form
    choices = {
        "scopes": SCOPES_SUPPORTED,
        "auth_methods": AUTH_METHODS,
        "algs": signing_algs(),
        "encryption_algs": ENCRYPTION_ALGS,
    }
    if request.method == "GET":
        return render_template("staff/console/new_client.html", form=form, error=None, **choices)
    try:
        spec = clients.ClientSpec(
            name=form.get("name", ""),
            redirect_uris=_uris(form.get("redirect_uris", "")),
            post_logout_redirect_uris=_uris(form.get("post_logout_redirect_uris", "")),
            scope=" ".join(scope for scope in SCOPES_SUPPORTED if scope in form.getlist("scope")),
            auth_method=form.get("auth_method", "client_secret_basic"),
            sector=form.get("sector", "").strip().lower() or None,
            id_token_alg=form.get("id_token_alg", "RS256"),
        )
        spec.jwks, spec.jwks_uri, encryption = keys_from(form)
        for what in ("id_token", "userinfo"):
            setattr(spec, f"{what}_encrypted_response_alg", encryption)
            setattr(spec, f"{what}_encrypted_response_enc", ENCRYPTION_ENCS[0] if encryption else None)
        client, secret = clients.register(spec)
    except InvalidClientMetadata as error:
        db.session.rollback()
        page = render_template("staff/console/new_client.html", form=form, error=str(error), **choices)
        return page, 400
    return _show_secret(client.client_id, secret, new=True)


def _show_secret(client_id: str, secret: str | None, new: bool):
    to = url_for("staff.console_secret_shown", client_id=client_id)
    return after_post.show_again(200, to=to, secret=secret, new=new)


@bp.get("/console/clients/<client_id>/secret")
@staff_required(OPERATOR)
def console_secret_shown(client_id: str):
    client = client_or_404(client_id)
    kept, status, headers = after_post.shown()
    if not kept:  # shown once already: the client's page, without it
        return redirect(url_for("staff.console_client", client_id=client_id), code=303)
    page = render_template("staff/console/secret.html", client=client, secret=kept["secret"], new=kept["new"])
    return page, status, headers


def _uris(text: str) -> list[str]:
    # One field, URIs apart by spaces: a URI holds none, and no page field may hold a newline.
    return text.split()


@bp.route("/console/clients/<client_id>")
@staff_required(OPERATOR)
def console_client(client_id: str):
    client = client_or_404(client_id)
    kept, status, headers = after_post.shown()
    page = render_template("staff/console/client.html", client=client, agencies=_agencies(), **kept)
    return page, status, headers


@bp.route("/console/clients/<client_id>/purposes", methods=["POST"])
@staff_required(OPERATOR)
def console_client_purposes(client_id: str):
    """Rewrite the purposes citizens read: a changed text raises the purpose version, and
    citizens who agreed to the older one are asked again (idp/services/client_updates.py)."""
    client = client_or_404(client_id)
    given = {key.removeprefix("purpose:"): text for key, text in request.form.items() if key.startswith("purpose:")}
    to = url_for("staff.console_client", client_id=client_id)
    try:
        client_updates.update(client, purposes=given)
    except InvalidClientMetadata as error:
        db.session.rollback()
        return after_post.show_again(to=to, purposes_error=str(error), purposes_given=(client.purposes or {}) | given)
    return redirect(to, code=303)


@bp.route("/console/clients/<client_id>/disable", methods=["POST"])
@staff_required(OPERATOR)
def console_disable_client(client_id: str):
    clients.disable(client_or_404(client_id))
    return redirect(url_for("staff.console_client", client_id=client_id), code=303)


@bp.route("/console/clients/<client_id>/enable", methods=["POST"])
@staff_required(OPERATOR)
def console_enable_client(client_id: str):
    try:
        clients.enable(client_or_404(client_id))
    except InvalidClientMetadata:
        raise PageError("Not allowed", N_("Its agency deleted this client; it cannot be enabled again."), 409) from None
    return redirect(url_for("staff.console_client", client_id=client_id), code=303)


@bp.route("/console/clients/<client_id>/secret", methods=["POST"])
@staff_required(OPERATOR)
def console_rotate_secret(client_id: str):
    client = client_or_404(client_id)
    try:
        secret = clients.rotate_secret(client)
    except InvalidClientMetadata:
        raise PageError("Not allowed", N_("This client has no secret."), 409) from None
    return _show_secret(client.client_id, secret, new=False)
