"""The overview page, and the personal details: name, date of birth, gender and NIK."""

from flask import flash, g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required, profile_form
from idp.citizen_data import address
from idp.extensions import db
from idp.services import citizens
from idp.web import after_post
from idp.web.i18n import N_

SAVED = N_("Your changes are saved.")


def to_overview():
    """After a change, the overview (by GET: post/redirect/get) in the page's language."""
    return redirect(url_for("account.overview", ui_locales=request.args.get("ui_locales")), code=303)


@bp.route("/")
@citizen_required
def overview():
    citizen = g.citizen
    return render_template(
        "account/overview.html",
        citizen=citizen,
        gender=dict(profile_form.GENDER_CHOICES).get(citizen.gender or ""),
        nik=profile_form.masked_nik(citizen.nik),
        address=address.claim(citizen.address),
    )


@bp.route("/profile", methods=["GET", "POST"])
@citizen_required
def profile():
    citizen = g.citizen
    if request.method == "GET":
        kept, status, headers = after_post.shown()
        return (
            render_template(
                "account/profile.html",
                form=kept.get("form") or profile_form.shown_form(citizen),
                errors=kept.get("errors"),
                saved_nik=profile_form.masked_nik(citizen.nik),
                genders=profile_form.GENDER_CHOICES,
            ),
            status,
            headers,
        )
    form = profile_form.posted_form(request.form)
    values, errors = profile_form.check(citizen, form)
    if errors:
        # Shown again as typed, the NIK too (the kept values are encrypted: after_post).
        return after_post.show_again(form=form, errors=errors)
    if citizens.change_profile(citizen, values):
        flash(SAVED)
    db.session.commit()
    return to_overview()


@bp.route("/profile/nik/remove", methods=["POST"])
@citizen_required
def remove_nik():
    if citizens.change_profile(g.citizen, {"nik": None}):
        flash(N_("Your NIK is removed. Services you allowed to read it no longer receive it."))
    db.session.commit()
    return to_overview()
