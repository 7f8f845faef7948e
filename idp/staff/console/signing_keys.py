"""Signing keys in the operator console: what `flask keys list|rotate` does
(idp/protocol/keys.py has the lifecycle)."""

from flask import redirect, render_template, request, url_for

from idp.protocol import keys
from idp.staff import bp
from idp.staff.access import staff_required
from idp.web.errors import PageError
from idp.web.i18n import N_


@bp.route("/console/keys")
@staff_required("operator")
def console_keys():
    published = {row.kid for row in keys.published_keys()}
    rows = [(row, keys.phase(row), row.kid in published) for row in keys.all_keys()]
    return render_template("staff/console/keys.html", rows=rows, algs=keys.SUPPORTED_ALGS)


@bp.route("/console/keys/rotate", methods=["POST"])
@staff_required("operator")
def console_rotate_keys():
    alg = request.form.get("alg", "")
    if alg not in keys.SUPPORTED_ALGS:
        raise PageError("Invalid request", N_("Choose an algorithm."))
    # A compromise (--now) stays on the command line, where it cannot be a mis-click:
    # it revokes every earlier key of the algorithm at once.
    keys.ensure_keys()
    keys.rotate(alg)
    return redirect(url_for("staff.console_keys"), code=303)
