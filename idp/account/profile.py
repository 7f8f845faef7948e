"""The overview page and the profile form."""

from flask import g, redirect, render_template, request, url_for

from ..extensions import db
from ..i18n import gettext as _
from ..signin.phone import parse_birthdate
from . import bp, citizen_required


@bp.route("/")
@citizen_required
def overview():
    return render_template("account/overview.html", citizen=g.citizen)


@bp.route("/profile", methods=["GET", "POST"])
@citizen_required
def profile():
    citizen = g.citizen
    form = {
        "name": request.form.get("name", citizen.name or ""),
        "birthdate": request.form.get("birthdate", citizen.birthdate.isoformat() if citizen.birthdate else ""),
    }
    if request.method == "GET":
        return render_template("account/profile.html", form=form)
    errors = {}
    name = " ".join(form["name"].split())
    if not 2 <= len(name) <= 200:
        errors["name"] = _("Enter your full name.")
    try:
        birthdate = parse_birthdate(form["birthdate"])
    except ValueError as error:
        errors["birthdate"] = _(str(error))
    if errors:
        return render_template("account/profile.html", form=form, errors=errors), 400
    citizen.name = name
    citizen.birthdate = birthdate
    db.session.commit()
    return redirect(url_for("account.overview"), code=303)
