"""RP-Initiated Logout 1.0.

With a valid `id_token_hint` for the signed-in citizen, issued during this
sign-in, the session ends and the browser goes to the client's registered
`post_logout_redirect_uri` (with `state`). Every other case shows a page and
never redirects: a bad hint, an unregistered URI, or a hint for someone else or
from an earlier sign-in asks the citizen to confirm.
"""

from authlib.common.urls import add_params_to_uri
from flask import g, redirect, render_template, request, url_for

from idp.oidc import bp
from idp.protocol.id_token_hint import InvalidHint, hint_audiences, verify_id_token_hint
from idp.protocol.pairwise import subject_for
from idp.services import clients
from idp.services.browser_sessions import current_session, end_session
from idp.web.csrf import protect
from idp.web.errors import PageError
from idp.web.i18n import N_, pick_locale
from idp.web.parameters import reject_control_characters


def _checked_request(params):
    """(hint claims, client, redirect URI) or a PageError."""
    hint = params.get("id_token_hint")
    claims = None
    client = clients.find(params.get("client_id"))
    if hint:
        try:
            claims = verify_id_token_hint(hint)
        except InvalidHint:
            raise PageError(
                "Sign-out link not valid", N_("The service sent a sign-out request we cannot verify.")
            ) from None
        audiences = hint_audiences(claims)
        if client is not None and client.client_id not in audiences:
            raise PageError("Sign-out link not valid", N_("The sign-out request names two different services."))
        client = client or clients.find(audiences[0] if audiences else None)
    redirect_uri = params.get("post_logout_redirect_uri")
    if redirect_uri:
        if claims is None or client is None:
            raise PageError(
                "Sign-out link not valid", N_("The service must identify itself to be sent back after sign-out.")
            )
        if redirect_uri not in (client.post_logout_redirect_uris or []):
            raise PageError("Sign-out link not valid", N_("The return address is not registered for this service."))
    return claims, client, redirect_uri


def _hint_matches_session(claims, client, session) -> bool:
    if session is None or client is None or claims["sub"] != subject_for(session.citizen, client):
        return False
    # RP-Initiated Logout 1.0 §2: the OP MUST ask when the ID token does not belong to
    # the current session. Most ID tokens carry no `sid` (idp/grants/code.py); one issued
    # before this sign-in belongs to an earlier one, say one left in a URL or a log.
    issued_at = claims.get("iat")
    return isinstance(issued_at, int) and issued_at >= session.auth_time


@bp.route("/end_session", methods=["GET", "POST"])
def end_session_endpoint():
    reject_control_characters()  # before any lookup: PostgreSQL refuses NUL in text
    params = request.values
    g.locale = pick_locale(params.get("ui_locales"))
    claims, client, redirect_uri = _checked_request(params)
    session = current_session()
    if claims is not None and (session is None or _hint_matches_session(claims, client, session)):
        end_session(session)
        if redirect_uri:
            values = [("state", params["state"])] if params.get("state") is not None else []
            return redirect(add_params_to_uri(redirect_uri, values), code=303)
        return render_template("signed_out.html", client=client)
    if session is None:
        return render_template("signed_out.html", client=client)
    return render_template("confirm_sign_out.html", client=client)


@bp.route("/end_session/confirm", methods=["POST"])
def confirm_sign_out():
    reject_control_characters()
    protect()
    end_session(current_session())
    # Post/redirect/get (idp/web/after_post.py): back from the next page never signs out again.
    ui_locales = request.form.get("ui_locales")
    return redirect(
        url_for("oidc.signed_out", ui_locales=ui_locales) if ui_locales else url_for("oidc.signed_out"), code=303
    )


@bp.route("/signed-out")
def signed_out():
    return render_template("signed_out.html", client=None)
