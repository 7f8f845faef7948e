"""The pages that change the citizen's phone number (issue 4), one step each.

  GET       /account/phone ............... what happens; step 1, prove it is you:
  POST      /account/phone/app ........... with the authenticator app (or a recovery code),
  POST      /account/phone/current/send .. or with a code sent to the current number,
  GET, POST /account/phone/current ....... entered here (a new one: …/current/resend)
  GET, POST /account/phone/new ........... step 2: the new number, and a code goes to it
  GET, POST /account/phone/new/code ...... step 3: its code comes back → the change (…/new/resend)

Steps 2 and 3 need a proof from step 1 made in this sign-in session within
PHONE_CHANGE_PROOF_TTL_SECONDS (idp/account/phone_change.py). Codes leave
within the abuse controls of idp/otp_limits.py, and a refusal reads as at sign-in.
"""

from functools import wraps

from flask import g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required, phone_change, phone_pages
from idp.account.phone_codes import (
    CURRENT_NUMBER,
    NEW_NUMBER,
    check_code,
    number_on_its_way,
    send_code,
)
from idp.mfa.assurance import authenticator_counts
from idp.mfa.second_factor import TooManyAttempts, accept_second_factor
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import OtpError
from idp.phone_otp.phone import InvalidPhone, mask, normalize
from idp.phone_otp.sms_errors import SmsNotSent
from idp.services import citizens
from idp.services.browser_sessions import signed_in
from idp.signin import otp_sending
from idp.web import after_post
from idp.web.i18n import format_wait
from idp.web.i18n import gettext as _


def proof_required(view):
    """Steps 2 and 3: without a recent proof from this session, back to step 1."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not phone_change.has_recent_proof(signed_in()):
            return redirect(url_for("account.phone"), code=303)
        return view(*args, **kwargs)

    return wrapper


def _already_on_its_way(error: Exception, purpose: str, number: str) -> bool:
    # The same number again, too soon: the code already sent still works (as at sign-in).
    return isinstance(error, otp_limits.TooSoon) and number_on_its_way(purpose) == number


def _proven():
    phone_change.record_proof(signed_in())
    return redirect(url_for("account.phone_new"), code=303)


@bp.route("/phone")
@citizen_required
def phone():
    if phone_change.has_recent_proof(signed_in()):
        return redirect(url_for("account.phone_new"))
    return phone_pages.start_page()


@bp.route("/phone/app", methods=["POST"])
@citizen_required
def phone_prove_with_app():
    if not authenticator_counts(signed_in()):
        # Set up during this session: whoever holds it (perhaps only the SIM) set it up, so
        # it proves nothing more than this session does (idp/mfa/assurance.py).
        error = _("Your authenticator app counts from your next sign-in. Until then, get a code by SMS instead.")
        return phone_pages.start_page_again(app_error=error)
    try:
        proven = accept_second_factor(g.citizen, request.form.get("code", ""))
    except TooManyAttempts as refusal:
        # Said on this page rather than an error page: the code by SMS is still one press away.
        wait = refusal.retry_after_seconds
        error = _("Too many wrong codes. Try again in {wait}.", wait=format_wait(wait))
        return phone_pages.start_page_again(429, {"Retry-After": str(wait)}, app_error=error)
    if not proven:
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return phone_pages.start_page_again(app_error=error)
    return _proven()


@bp.route("/phone/current/send", methods=["POST"])
@citizen_required
def phone_send_current():
    number = g.citizen.phone_number
    try:
        send_code(CURRENT_NUMBER, number)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        if _already_on_its_way(error, CURRENT_NUMBER, number):
            return redirect(url_for("account.phone_current"), code=303)
        reason = otp_sending.not_sent(error)
        return phone_pages.start_page_again(reason.status, reason.headers, not_sent=reason.message)
    return redirect(url_for("account.phone_current"), code=303)


@bp.route("/phone/current", methods=["GET", "POST"])
@citizen_required
def phone_current():
    number = g.citizen.phone_number
    if number_on_its_way(CURRENT_NUMBER) != number:
        return redirect(url_for("account.phone"), code=303)
    if request.method == "GET":
        return phone_pages.code_page(CURRENT_NUMBER, number)
    try:
        check_code(CURRENT_NUMBER, number)
    except OtpError as error:
        return after_post.show_again(error=_(str(error)))
    return _proven()


def _resend(purpose: str, number: str, code_view: str):
    try:
        send_code(purpose, number)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        reason = otp_sending.not_sent(error)
        return after_post.show_again(reason.status, reason.headers, to=url_for(code_view), resend_error=reason.message)
    return redirect(url_for(code_view), code=303)


@bp.route("/phone/current/resend", methods=["POST"])
@citizen_required
def phone_resend_current():
    number = g.citizen.phone_number
    if number_on_its_way(CURRENT_NUMBER) != number:
        return redirect(url_for("account.phone"), code=303)
    return _resend(CURRENT_NUMBER, number, "account.phone_current")


def _new_number(raw: str) -> str:
    number = normalize(raw)
    if number == g.citizen.phone_number:
        raise InvalidPhone("That is already your phone number. Enter the new one.")
    return number


@bp.route("/phone/new", methods=["GET", "POST"])
@citizen_required
@proof_required
def phone_new():
    if request.method == "GET":
        return phone_pages.new_number_page(number_on_its_way(NEW_NUMBER) or "")
    raw = request.form.get("phone", "")
    try:
        number = _new_number(raw)
    except InvalidPhone as error:
        return phone_pages.new_number_page_again(raw, error=_(str(error)))
    # Whether another citizen has the number is not said here, before its code comes back:
    # every number takes the same path, so this page cannot tell which ones are registered.
    try:
        send_code(NEW_NUMBER, number)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        if _already_on_its_way(error, NEW_NUMBER, number):
            return redirect(url_for("account.phone_new_code"), code=303)
        reason = otp_sending.not_sent(error)
        return phone_pages.new_number_page_again(raw, reason.status, reason.headers, not_sent=reason.message)
    return redirect(url_for("account.phone_new_code"), code=303)


@bp.route("/phone/new/code", methods=["GET", "POST"])
@citizen_required
@proof_required
def phone_new_code():
    number = number_on_its_way(NEW_NUMBER)
    if not number:
        return redirect(url_for("account.phone_new"), code=303)
    if request.method == "GET":
        return phone_pages.code_page(NEW_NUMBER, number)
    try:
        check_code(NEW_NUMBER, number)
    except OtpError as error:
        return after_post.show_again(error=_(str(error)))
    try:
        phone_change.change_number(g.citizen, number, keep=signed_in())
    except citizens.NumberTaken:
        # Said only now that the code came back: whoever holds the number can sign in
        # with it and learn as much, so this reveals nothing to anyone else (as Login.gov).
        return phone_pages.new_number_page_again("", 409, taken=True)
    return after_post.show_again(200, to=url_for("account.phone_changed"), masked_phone=mask(number))


@bp.route("/phone/changed")
@citizen_required
def phone_changed():
    kept, _status, _headers = after_post.shown()
    if "masked_phone" not in kept:  # shown once, after the change
        return redirect(url_for("account.overview"))
    return render_template("account/phone_changed.html", masked_phone=kept["masked_phone"])


@bp.route("/phone/new/resend", methods=["POST"])
@citizen_required
@proof_required
def phone_resend_new():
    number = number_on_its_way(NEW_NUMBER)
    if not number:
        return redirect(url_for("account.phone_new"), code=303)
    return _resend(NEW_NUMBER, number, "account.phone_new_code")
