"""Turning an authenticator app (TOTP) on and off.

Setting up: a new secret is kept encrypted on the citizen row but counts only
once a code from it comes back, and then only from the next sign-in
(idp/mfa/assurance.py): whoever set it up held this session, which proves the
SIM alone. The number on the account is told by SMS of each change, in the
citizen's language. Turning off needs a fresh second factor.
"""

import logging

from flask import current_app, g, redirect, render_template, request, url_for

from idp.account import bp, citizen_required
from idp.extensions import db
from idp.interaction import transaction
from idp.mfa import totp
from idp.mfa.second_factor import accept_second_factor, enable, issuer, remaining_recovery_codes
from idp.mfa.second_factor import disable as disable_second_factor
from idp.phone_otp.phone import mask
from idp.phone_otp.sms import send_sms
from idp.phone_otp.sms_errors import SmsNotSent
from idp.web import after_post, ratelimit
from idp.web.errors import OUTAGES, PageError
from idp.web.i18n import N_, translate_to
from idp.web.i18n import gettext as _

# Operators watch this logger for everything about SMS delivery (idp/phone_otp/sms_budget.py).
log = logging.getLogger("idp.sms")
ADDED = N_(
    "An authenticator app was added to your {service} account. If this wasn't you, contact {contact} right away."
)
REMOVED = N_(
    "The authenticator app was removed from your {service} account. If this wasn't you, contact {contact} right away."
)
# Each change sends an SMS: turning the app on and off again and again must not spend the SMS budget.
NOTICES_PER_CITIZEN = "6 per day"


@bp.route("/2fa")
@citizen_required
def two_factor():
    citizen = g.citizen
    kept, status, headers = after_post.shown()
    page = render_template(
        "account/two_factor.html",
        citizen=citizen,
        remaining=remaining_recovery_codes(citizen) if citizen.has_totp else 0,
        **kept,
    )
    return page, status, headers


def _pending_secret(citizen) -> str:
    if citizen.totp_secret_encrypted is None:
        citizen.totp_secret_encrypted = totp.encrypt(totp.new_secret())
        db.session.commit()
    return totp.decrypt(citizen.totp_secret_encrypted)


def key_groups(secret: str) -> list[str]:
    """The key in groups of four, as it is read out and typed (the page shows them apart)."""
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


def _setup_page(citizen):
    kept, status, headers = after_post.shown()
    secret = _pending_secret(citizen)
    uri = totp.provisioning_uri(citizen.phone_number, secret, issuer())
    # On the phone that holds the app, a QR code on its own screen cannot be scanned: the
    # otpauth:// link opens the app instead. A link is a navigation, which the CSP's
    # default-src does not govern (CSP 3 §6.1), so no policy change is needed.
    page = render_template(
        "account/two_factor_setup.html",
        secret=secret,
        key_groups=key_groups(secret),
        otpauth_uri=uri,
        qr=totp.qr_data_uri(uri),
        **kept,
    )
    return page, status, headers


@bp.route("/2fa/setup", methods=["GET", "POST"])
@citizen_required
def two_factor_setup():
    citizen = g.citizen
    if citizen.has_totp:
        return redirect(url_for("account.two_factor"), code=303)
    if request.method == "GET":
        return _setup_page(citizen)
    codes = enable(citizen, _pending_secret(citizen), request.form.get("code", ""))
    if codes is None:
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return after_post.show_again(error=error)
    # No step-up for this session: the app counts from the next sign-in (idp/mfa/assurance.py).
    notify(citizen, ADDED)
    to = url_for("account.recovery_codes")
    return after_post.show_again(200, to=to, codes=codes, next_url=_back_to_the_service())


@bp.route("/2fa/recovery-codes")
@citizen_required
def recovery_codes():
    """Shown once, just after the set-up: back or reload later shows the app's page instead."""
    kept, _status, _headers = after_post.shown()
    if "codes" not in kept:
        return redirect(url_for("account.two_factor"))
    return render_template("account/recovery_codes.html", codes=kept["codes"], next_url=kept["next_url"])


def _back_to_the_service() -> str | None:
    """Set up from a service's request for loa:2 (the offer at sign-in): resume it.

    The request then has the citizen sign in again (idp/interaction/steps.py), so the
    service gets loa:2 from a sign-in made with the SMS code and the new app.
    """
    interaction_id = request.args.get("interaction")
    try:
        interaction = transaction.load(interaction_id) if interaction_id else None
    except PageError:
        return None  # expired meanwhile: the recovery codes must still be shown
    return url_for("oidc.resume", interaction=interaction.id) if interaction else None


@bp.route("/2fa/disable", methods=["POST"])
@citizen_required
def two_factor_disable():
    citizen = g.citizen
    if not accept_second_factor(citizen, request.form.get("code", "")):
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return after_post.show_again(to=url_for("account.two_factor"), error=error)
    disable_second_factor(citizen)
    notify(citizen, REMOVED)
    return after_post.show_again(200, to=url_for("account.two_factor"), turned_off=True)


def notify(citizen, message: str) -> None:
    """Tell the number on the account, in the citizen's language, that the authenticator changed."""
    config = current_app.config
    body = translate_to(citizen.locale, message, service=config["SERVICE_NAME"], contact=config["SUPPORT_CONTACT"])
    try:
        if not ratelimit.hit(NOTICES_PER_CITIZEN, "authenticator-notice", citizen.id).allowed:
            log.warning("authenticator notice to %s not sent: too many changes today", mask(citizen.phone_number))
            return
        send_sms(citizen.phone_number, body)
    except (SmsNotSent, *OUTAGES):
        # The change is made and proven by a code; a lost notice must not undo it, nor hide
        # the recovery codes that are shown only once.
        log.warning("authenticator notice to %s not sent", mask(citizen.phone_number))
