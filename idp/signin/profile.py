"""The profile step: a new citizen's name and date of birth, asked once.

Only when the transaction is at this step (idp/interaction/steps.py): the SMS
code alone never edits an existing profile; changes go through /account.
"""

from flask import render_template, request

from idp.extensions import db
from idp.interaction.flow import at_step, step_done
from idp.interaction.steps import Step
from idp.signin import bp
from idp.signin.profile_form import apply_profile
from idp.web import after_post


@bp.route("/signin/profile", methods=["GET", "POST"])
def profile():
    interaction, upcoming = at_step(Step.PROFILE)
    citizen = upcoming.who
    form = {"name": request.form.get("name", citizen.name or ""), "birthdate": request.form.get("birthdate", "")}
    if request.method == "GET":
        kept, status, headers = after_post.shown()
        page = render_template("signin/profile.html", **({"form": form} | kept), interaction=interaction)
        return page, status, headers
    errors = apply_profile(citizen, form)
    if errors:
        return after_post.show_again(form=form, errors=errors)
    db.session.commit()
    return step_done(interaction)
