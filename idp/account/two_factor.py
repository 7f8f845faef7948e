"""Turning an authenticator app (TOTP) on and off.

Setting up: a new secret is kept encrypted on the citizen row but counts only
once a code from it comes back. Turning off needs a fresh second factor.
"""

from flask import g, render_template, request, url_for

from idp.account import bp, citizen_required
from idp.extensions import db
from idp.interaction import transaction
from idp.mfa import totp
from idp.mfa.second_factor import accept_second_factor, enable, issuer, remaining_recovery_codes
from idp.mfa.second_factor import disable as disable_second_factor
from idp.services.browser_sessions import record_second_factor, signed_in
from idp.web.errors import PageError
from idp.web.i18n import gettext as _


@bp.route("/2fa")
@citizen_required
def two_factor():
    citizen = g.citizen
    return render_template(
        "account/two_factor.html",
        citizen=citizen,
        remaining=remaining_recovery_codes(citizen) if citizen.has_totp else 0,
    )


def _pending_secret(citizen) -> str:
    if citizen.totp_secret_encrypted is None:
        citizen.totp_secret_encrypted = totp.encrypt(totp.new_secret())
        db.session.commit()
    return totp.decrypt(citizen.totp_secret_encrypted)


def _setup_page(citizen, error=None, status=200):
    secret = _pending_secret(citizen)
    uri = totp.provisioning_uri(citizen.phone_number, secret, issuer())
    page = render_template("account/two_factor_setup.html", secret=secret, qr=totp.qr_data_uri(uri), error=error)
    return page, status


@bp.route("/2fa/setup", methods=["GET", "POST"])
@citizen_required
def two_factor_setup():
    citizen = g.citizen
    if citizen.has_totp:
        return render_template("account/two_factor.html", citizen=citizen, remaining=remaining_recovery_codes(citizen))
    if request.method == "GET":
        return _setup_page(citizen)
    codes = enable(citizen, _pending_secret(citizen), request.form.get("code", ""))
    if codes is None:
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return _setup_page(citizen, error, 400)
    record_second_factor(signed_in())  # the code just proved the authenticator
    return render_template("account/recovery_codes.html", codes=codes, next_url=_back_to_the_service())


def _back_to_the_service() -> str | None:
    """Set up from a service's request for loa:2 (the offer at sign-in): resume it."""
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
        page = render_template(
            "account/two_factor.html", citizen=citizen, remaining=remaining_recovery_codes(citizen), error=error
        )
        return page, 400
    disable_second_factor(citizen)
    return render_template("account/two_factor.html", citizen=citizen, remaining=0, turned_off=True)
