"""Phone-first sign-in: number → one-time code → (new citizen) profile.

`phone_number_verified` becomes true only when the code sent to that exact
E.164 number comes back, in the browser that asked for it. The code page
shows how long until a new code may be asked for (idp/otp_limits.py) and
offers to send one.
"""


from flask import redirect, render_template, request, session
from sqlalchemy import select

from idp.extensions import db
from idp.models import Citizen
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import SIGN_IN, OtpError, verify
from idp.phone_otp.phone import InvalidPhone, mask, normalize
from idp.phone_otp.sms_errors import SmsNotSent
from idp.services.browser_sessions import browser_id, current_session
from idp.signin import bp, otp_sending
from idp.signin.completion import next_step, pending_citizen, remember_verified
from idp.signin.flow import continue_flow, current_interaction, here
from idp.signin.profile_form import apply_profile
from idp.web.i18n import current_locale, format_wait
from idp.web.i18n import gettext as _


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
    try:
        otp_sending.send_code(number, interaction)
    except otp_limits.TooSoon as error:
        if otp_sending.has_pending_code(number):
            # The same number again, too soon: the code already sent still works.
            return redirect(here("signin.code", interaction), code=303)
        return _phone_page_without_code(raw, interaction, otp_sending.not_sent(error))
    except SmsNotSent as error:
        return _phone_page_without_code(raw, interaction, otp_sending.not_sent(error))
    return redirect(here("signin.code", interaction), code=303)


def _phone_page_without_code(raw: str, interaction, reason: otp_sending.NotSent):
    # The number stays as typed, so trying again is one press.
    page = render_template("signin/phone.html", phone=raw, not_sent=reason.message, interaction=interaction)
    return page, reason.status, reason.headers


def _code_page(number: str, interaction, status=200, headers=None, **context):
    wait = otp_sending.seconds_to_wait(number)
    page = render_template(
        "signin/code.html",
        masked_phone=mask(number),
        interaction=interaction,
        wait=format_wait(wait) if wait else None,
        **context,
    )
    return page, status, headers or {}


@bp.route("/signin/code", methods=["GET", "POST"])
def code():
    interaction = current_interaction()
    number = session.get(otp_sending.PHONE)
    if not number:
        return redirect(here("signin.phone", interaction))
    if request.method == "GET":
        return _code_page(number, interaction)
    try:
        challenge = verify(session.get(otp_sending.CHALLENGE), request.form.get("code", ""), SIGN_IN, browser_id())
    except OtpError as error:
        return _code_page(number, interaction, 400, error=_(str(error)))
    session.pop(otp_sending.CHALLENGE, None)
    session.pop(otp_sending.PHONE, None)
    otp_limits.remember_owner(challenge.phone_number, browser_id())
    citizen = _verified_citizen(challenge.phone_number)
    remember_verified(challenge)
    return next_step(citizen, interaction)


@bp.route("/signin/code/resend", methods=["POST"])
def resend():
    interaction = current_interaction()
    number = session.get(otp_sending.PHONE)
    if not number:
        return redirect(here("signin.phone", interaction), code=303)
    try:
        otp_sending.send_code(number, interaction)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        reason = otp_sending.not_sent(error)
        return _code_page(number, interaction, reason.status, reason.headers, resend_error=reason.message)
    return redirect(here("signin.code", interaction), code=303)


def _verified_citizen(number: str) -> Citizen:
    citizen = db.session.scalar(select(Citizen).where(Citizen.phone_number == number))
    if citizen is None:
        citizen = Citizen(phone_number=number, locale=current_locale())
        db.session.add(citizen)
    citizen.phone_number_verified = True
    db.session.commit()
    return citizen


@bp.route("/signin/profile", methods=["GET", "POST"])
def profile():
    interaction = current_interaction()
    citizen = signing_in = pending_citizen()
    if citizen is not None and citizen.has_profile:
        # The SMS code alone must not edit an existing profile (the authenticator,
        # if any, has not been checked yet); changes go through /account.
        citizen = signing_in = None
    if citizen is None:
        # Already signed in with an incomplete profile (resumed from /authorize)?
        active = current_session()
        citizen = active.citizen if active else None
    if citizen is None:
        return redirect(here("signin.phone", interaction))
    form = {"name": request.form.get("name", citizen.name or ""), "birthdate": request.form.get("birthdate", "")}
    if request.method == "GET":
        return render_template("signin/profile.html", form=form, interaction=interaction)
    errors = apply_profile(citizen, form)
    if errors:
        return render_template("signin/profile.html", form=form, errors=errors, interaction=interaction), 400
    db.session.commit()
    if signing_in:
        return next_step(citizen, interaction)
    return continue_flow(interaction)
