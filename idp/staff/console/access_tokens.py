"""Agencies' initial access tokens (RFC 7591 §3) in the operator console. A new token is
shown once, on the page the post redirects to (idp/web/after_post.py): back or reload
never issues another."""

from flask import redirect, render_template, request, url_for

from idp.protocol.claims import SCOPES_SUPPORTED
from idp.services import initial_access_tokens as access_tokens
from idp.staff import bp
from idp.staff.access import staff_required
from idp.web import after_post
from idp.web.errors import PageError
from idp.web.i18n import N_


def _page(form, error=None, status=200):
    rows = access_tokens.all_tokens()
    page = render_template(
        "staff/console/tokens.html",
        tokens=rows,
        status={row.id: access_tokens.status(row) for row in rows},
        registered=access_tokens.clients_registered(),
        scopes=SCOPES_SUPPORTED,
        form=form,
        error=error,
    )
    return page, status


@bp.route("/console/tokens", methods=["GET", "POST"])
@staff_required("operator")
def console_tokens():
    if request.method == "GET":
        return _page(request.form)
    form = request.form
    days = form.get("expires_in", "")
    try:
        issued = access_tokens.issue(
            form.get("agency", ""),
            " ".join(scope for scope in SCOPES_SUPPORTED if scope in form.getlist("scope")),
            form.get("sector", ""),
            int(days) if days.isdigit() else 0,
        )
    except access_tokens.InvalidAccessTokenRequest as error:
        return _page(form, str(error), 400)
    to = url_for("staff.console_token_issued", token_id=issued.row.id)
    return after_post.show_again(200, to=to, token=issued.token)


@bp.get("/console/tokens/<int:token_id>")
@staff_required("operator")
def console_token_issued(token_id: int):
    row = access_tokens.get(token_id)
    kept, status, headers = after_post.shown()
    if row is None or not kept:  # shown once already: the list of tokens, without it
        return redirect(url_for("staff.console_tokens"), code=303)
    return render_template("staff/console/token_issued.html", row=row, token=kept["token"]), status, headers


@bp.route("/console/tokens/<int:token_id>/revoke", methods=["POST"])
@staff_required("operator")
def console_revoke_token(token_id: int):
    row = access_tokens.get(token_id)
    if row is None:
        raise PageError("Not found", N_("There is no such token."), 404)
    access_tokens.revoke(row)
    return redirect(url_for("staff.console_tokens"), code=303)
