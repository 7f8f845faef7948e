"""Closing the account (UU PDP 27/2022 art. 8: erasure), after a fresh code to the phone.

  GET       /account/close ......... what closing does; send a code to the number
  POST      /account/close/send .... the code leaves (within the usual abuse limits)
  GET, POST /account/close/code .... the code comes back → the account is closed
  POST      /account/close/resend .. a new code

The code has its own OTP purpose, so no sign-in or phone-change code closes an
account. The erasure itself is idp/services/erasure.py.
"""

from flask import g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required
from idp.account.phone_codes import check_code, code_on_its_way, number_on_its_way, send_code
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import OtpError, why_spent
from idp.phone_otp.phone import mask
from idp.phone_otp.sms_errors import SmsNotSent
from idp.services import erasure
from idp.services.browser_sessions import end_session
from idp.signin import otp_sending
from idp.web.i18n import format_wait
from idp.web.i18n import gettext as _

CLOSE_ACCOUNT = "account_close"


def _start_page(status=200, headers=None, **context):
    page = render_template("account/close.html", masked_phone=mask(g.citizen.phone_number), **context)
    return page, status, headers or {}


def _code_page(status=200, headers=None, **context):
    number = g.citizen.phone_number
    wait = otp_sending.seconds_to_wait(number)
    challenge = code_on_its_way(CLOSE_ACCOUNT)
    spent = why_spent(challenge) if challenge else None
    page = render_template(
        "account/phone_code.html",
        title=_("Confirm that you want to close your account"),
        masked_phone=mask(number),
        resend_url=url_for("account.close_resend"),
        other_number_url=None,
        spent=_(spent) if spent else None,
        wait=format_wait(wait) if wait else None,
        wait_seconds=wait,
        **context,
    )
    return page, status, headers or {}


@bp.route("/close")
@citizen_required
def close():
    return _start_page()


@bp.route("/close/send", methods=["POST"])
@citizen_required
def close_send():
    number = g.citizen.phone_number
    try:
        send_code(CLOSE_ACCOUNT, number)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        # The same number again, too soon: the code already sent still works (as at sign-in).
        if not (isinstance(error, otp_limits.TooSoon) and number_on_its_way(CLOSE_ACCOUNT) == number):
            reason = otp_sending.not_sent(error)
            return _start_page(reason.status, reason.headers, not_sent=reason.message)
    return redirect(url_for("account.close_code"), code=303)


@bp.route("/close/code", methods=["GET", "POST"])
@citizen_required
def close_code():
    number = g.citizen.phone_number
    if number_on_its_way(CLOSE_ACCOUNT) != number:
        return redirect(url_for("account.close"), code=303)
    if request.method == "GET":
        return _code_page()
    try:
        check_code(CLOSE_ACCOUNT, number)
    except OtpError as error:
        return _code_page(400, error=_(str(error)))
    erasure.close_account(g.citizen)
    end_session(None)  # the session row is gone with the account; clear the cookie
    return render_template("account/closed.html")


@bp.route("/close/resend", methods=["POST"])
@citizen_required
def close_resend():
    number = g.citizen.phone_number
    if number_on_its_way(CLOSE_ACCOUNT) != number:
        return redirect(url_for("account.close"), code=303)
    try:
        send_code(CLOSE_ACCOUNT, number)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        reason = otp_sending.not_sent(error)
        return _code_page(reason.status, reason.headers, resend_error=reason.message)
    return redirect(url_for("account.close_code"), code=303)
