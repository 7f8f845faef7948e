"""The overview page and the profile form."""

from flask import g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required
from idp.extensions import db
from idp.signin.profile_form import apply_profile


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
    errors = apply_profile(citizen, form)
    if errors:
        return render_template("account/profile.html", form=form, errors=errors), 400
    db.session.commit()
    return redirect(url_for("account.overview"), code=303)
