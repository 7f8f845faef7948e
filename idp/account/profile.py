"""The overview page and the profile form."""

from flask import g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required
from idp.extensions import db
from idp.signin.profile_form import apply_profile
from idp.web import after_post


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
        kept, status, headers = after_post.shown()
        return render_template("account/profile.html", **({"form": form} | kept)), status, headers
    errors = apply_profile(citizen, form)
    if errors:
        return after_post.show_again(form=form, errors=errors)
    db.session.commit()
    return redirect(url_for("account.overview"), code=303)
