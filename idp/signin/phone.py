"""Phone-first sign-in: the number, then the one-time code sent to it.

`phone_number_verified` becomes true only when the code sent to that exact
E.164 number comes back, in the browser that asked for it. The code page
shows how long until a new code may be asked for (idp/phone_otp/otp_limits.py)
and offers to send one.
"""

from flask import redirect, render_template, request

from idp.interaction import transaction
from idp.interaction.flow import at_step, page_url, step_done
from idp.interaction.steps import Step
from idp.mfa.assurance import LOA_TOTP, authenticator_counts, requested
from idp.models import Interaction
from idp.phone_otp import otp_limits
from idp.phone_otp.otp import SIGN_IN, OtpError, verify, why_spent
from idp.phone_otp.phone import InvalidPhone, mask, normalize
from idp.phone_otp.sms_errors import SmsNotSent
from idp.services import citizens
from idp.services.browser_sessions import browser_id, current_session
from idp.signin import bp, otp_sending
from idp.web import after_post
from idp.web.i18n import current_locale, format_wait
from idp.web.i18n import gettext as _
from idp.web.sign_in_limit import count_sign_in_start


def _again_for_new_authenticator(interaction: Interaction | None) -> bool:
    """Signed in, asked for loa:2, with an authenticator set up in this session: it counts
    from the next sign-in (idp/mfa/assurance.py), which is this one."""
    session = current_session()
    return (
        interaction is not None
        and session is not None
        and requested(interaction.params) == LOA_TOTP
        and session.citizen.has_totp
        and not authenticator_counts(session)
    )


def _prefill(interaction: Interaction | None) -> str:
    hint = interaction.params.get("login_hint") if interaction else None
    try:
        return normalize(hint) if hint else ""
    except InvalidPhone:
        return ""


@bp.route("/signin", methods=["GET", "POST"])
def phone():
    if request.method == "GET":
        # Only a service's transaction has anything to fill in (login_hint).
        interaction = transaction.named()
        kept, status, headers = after_post.shown()
        page = render_template(
            "signin/phone.html",
            **({"phone": _prefill(interaction)} | kept),
            interaction=interaction,
            again_for_new_authenticator=_again_for_new_authenticator(interaction),
        )
        return page, status, headers
    interaction = transaction.current()
    raw = request.form.get("phone", "")
    try:
        number = normalize(raw)
    except InvalidPhone as error:
        return after_post.show_again(phone=raw, error=_(str(error)))
    if interaction is None:
        count_sign_in_start()  # a browser without cookies would store a new row every time
        interaction = transaction.start_local()
    try:
        otp_sending.send_code(number, interaction)
    except otp_limits.TooSoon as error:
        if otp_sending.number_on_its_way(interaction) == number:
            # The same number again, too soon: the code already sent still works.
            return redirect(page_url(Step.CODE, interaction), code=303)
        return _phone_page_without_code(raw, otp_sending.not_sent(error))
    except SmsNotSent as error:
        return _phone_page_without_code(raw, otp_sending.not_sent(error))
    return redirect(page_url(Step.CODE, interaction), code=303)


def _phone_page_without_code(raw: str, reason: otp_sending.NotSent):
    # The number stays as typed, so trying again is one press.
    return after_post.show_again(reason.status, reason.headers, phone=raw, not_sent=reason.message)


def _code_page(number: str, interaction: Interaction):
    context, status, headers = after_post.shown()
    wait = otp_sending.seconds_to_wait(number)
    challenge = transaction.pending_challenge(interaction)
    # Locked or expired, not even the right code can verify it: the page offers only a new one.
    spent = why_spent(challenge) if challenge else None
    page = render_template(
        "signin/code.html",
        masked_phone=mask(number),
        interaction=interaction,
        spent=_(spent) if spent else None,
        wait=format_wait(wait) if wait else None,
        wait_seconds=wait,
        **context,
    )
    return page, status, headers


@bp.route("/signin/code", methods=["GET", "POST"])
def code():
    interaction, _code_step = at_step(Step.CODE)
    challenge = transaction.pending_challenge(interaction)
    if challenge is None:  # purged: start again
        return redirect(page_url(Step.PHONE, interaction))
    number = challenge.phone_number
    if request.method == "GET":
        return _code_page(number, interaction)
    try:
        verify(challenge.id, request.form.get("code", ""), SIGN_IN, browser_id())
    except OtpError as error:
        return after_post.show_again(error=_(str(error)))
    otp_limits.remember_owner(number, browser_id())
    transaction.phone_proven(interaction, citizens.verified(number, current_locale()))
    return step_done(interaction)


@bp.route("/signin/code/resend", methods=["POST"])
def resend():
    interaction = transaction.current()
    number = otp_sending.number_on_its_way(interaction)
    if interaction is None or number is None:
        return redirect(page_url(Step.PHONE, interaction), code=303)
    try:
        otp_sending.send_code(number, interaction)
    except (otp_limits.TooSoon, SmsNotSent) as error:
        reason = otp_sending.not_sent(error)
        to = page_url(Step.CODE, interaction)
        return after_post.show_again(reason.status, reason.headers, to=to, resend_error=reason.message)
    return redirect(page_url(Step.CODE, interaction), code=303)
