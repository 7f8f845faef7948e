"""Phone-first sign-in: number → one-time code → (new citizen) profile.

`phone_number_verified` becomes true only when the code sent to that exact
E.164 number comes back, in the browser that asked for it.
"""

from datetime import date

from flask import redirect, render_template, request, session
from sqlalchemy import select

from ..clock import now
from ..extensions import db
from ..i18n import current_locale
from ..i18n import gettext as _
from ..models import Citizen
from ..otp import SIGN_IN, OtpError, start_challenge, verify
from ..phone import InvalidPhone, mask, normalize
from ..sessions import browser_id, current_session, start_session
from . import bp
from .flow import continue_flow, current_interaction, here

PENDING = "verified_citizen"  # set once the code came back, until the profile is done


def _prefill(interaction) -> str:
    hint = interaction.params.get("login_hint") if interaction else None
    try:
        return normalize(hint) if hint else ""
    except InvalidPhone:
        return ""


@bp.route("/signin", methods=["GET", "POST"])
def phone():
    interaction = current_interaction()
    if request.method == "GET":
        return render_template("signin/phone.html", phone=_prefill(interaction), interaction=interaction)
    raw = request.form.get("phone", "")
    try:
        number = normalize(raw)
    except InvalidPhone as error:
        return render_template("signin/phone.html", phone=raw, error=_(str(error)), interaction=interaction), 400
    challenge = start_challenge(number, SIGN_IN, browser_id(), current_locale())
    session["otp_challenge"] = challenge.id
    session["otp_phone"] = number
    return redirect(here("signin.code", interaction), code=303)


@bp.route("/signin/code", methods=["GET", "POST"])
def code():
    interaction = current_interaction()
    number = session.get("otp_phone")
    if not number:
        return redirect(here("signin.phone", interaction))
    context = {"masked_phone": mask(number), "interaction": interaction}
    if request.method == "GET":
        return render_template("signin/code.html", **context)
    try:
        challenge = verify(session.get("otp_challenge"), request.form.get("code", ""), SIGN_IN, browser_id())
    except OtpError as error:
        return render_template("signin/code.html", error=_(str(error)), **context), 400
    session.pop("otp_challenge", None)
    session.pop("otp_phone", None)
    citizen = _verified_citizen(challenge.phone_number)
    if not citizen.has_profile:
        session[PENDING] = citizen.id
        return redirect(here("signin.profile", interaction), code=303)
    return _signed_in(citizen, interaction)


def _verified_citizen(number: str) -> Citizen:
    citizen = db.session.scalar(select(Citizen).where(Citizen.phone_number == number))
    if citizen is None:
        citizen = Citizen(phone_number=number, locale=current_locale())
        db.session.add(citizen)
    citizen.phone_number_verified = True
    db.session.commit()
    return citizen


def _signed_in(citizen, interaction):
    session.pop(PENDING, None)
    start_session(citizen, amr=["sms"])
    if interaction is not None:
        interaction.authenticated_at = int(now().timestamp())
        db.session.commit()
    return continue_flow(interaction)


def parse_birthdate(raw: str) -> date:
    try:
        value = date.fromisoformat(raw.strip())
    except ValueError:
        raise ValueError("Enter your date of birth as YYYY-MM-DD.") from None
    if not date(1900, 1, 1) <= value <= now().date():
        raise ValueError("Enter a real date of birth.")
    return value


@bp.route("/signin/profile", methods=["GET", "POST"])
def profile():
    interaction = current_interaction()
    citizen_id = session.get(PENDING)
    citizen = db.session.get(Citizen, citizen_id) if citizen_id else None
    if citizen is None:
        # Already signed in with an incomplete profile (resumed from /authorize)?
        active = current_session()
        citizen = active.citizen if active else None
    if citizen is None:
        return redirect(here("signin.phone", interaction))
    form = {"name": request.form.get("name", citizen.name or ""), "birthdate": request.form.get("birthdate", "")}
    if request.method == "GET":
        return render_template("signin/profile.html", form=form, interaction=interaction)
    errors = {}
    name = " ".join(form["name"].split())
    if not 2 <= len(name) <= 200:
        errors["name"] = _("Enter your full name.")
    try:
        birthdate = parse_birthdate(form["birthdate"])
    except ValueError as error:
        errors["birthdate"] = _(str(error))
    if errors:
        return render_template("signin/profile.html", form=form, errors=errors, interaction=interaction), 400
    citizen.name = name
    citizen.birthdate = birthdate
    db.session.commit()
    if citizen_id:
        return _signed_in(citizen, interaction)
    return continue_flow(interaction)
