"""Step-up to loa:2: the authenticator code, or an offer to set one up.

A session that already has loa:1 is stepped up without a new SMS. A citizen
without an authenticator may enrol now, or decline, and the service then gets
`unmet_authentication_requirements` (OpenID Connect Core errata set 2, 3.1.2.6).
"""

from flask import redirect, render_template, request, session, url_for

from idp.mfa.second_factor import accept_second_factor
from idp.oidc.authorize import finish_with_error
from idp.services.browser_sessions import current_session, record_second_factor
from idp.signin import bp
from idp.signin.completion import finish, pending_citizen
from idp.signin.flow import AFTER_SIGNIN, continue_flow, current_interaction, here
from idp.web.errors import PageError
from idp.web.i18n import gettext as _

AFTER_ENROLMENT = "after_enrolment"


def _signed_in():
    interaction = current_interaction()
    browser_session = current_session()
    if interaction is None or browser_session is None:
        raise PageError("This sign-in has expired", "Go back to the service you came from and start again.")
    return interaction, browser_session


@bp.route("/signin/second-factor", methods=["GET", "POST"])
def second_factor():
    interaction, browser_session = _signed_in()
    if request.method == "GET":
        return render_template("signin/second_factor.html")
    if not accept_second_factor(browser_session.citizen, request.form.get("code", "")):
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return render_template("signin/second_factor.html", error=error), 400
    record_second_factor(browser_session)
    return continue_flow(interaction)


@bp.route("/signin/authenticator", methods=["GET", "POST"])
def authenticator():
    """Sign-in for a citizen who set up an authenticator: SMS code, then this."""
    interaction = current_interaction()
    citizen = pending_citizen()
    if citizen is None:
        return redirect(here("signin.phone", interaction))
    if request.method == "GET":
        return render_template("signin/second_factor.html", at_signin=True)
    if not accept_second_factor(citizen, request.form.get("code", "")):
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return render_template("signin/second_factor.html", at_signin=True, error=error), 400
    return finish(citizen, interaction, amr=["sms", "otp", "mfa"], second_factor=True)


@bp.route("/signin/second-factor/offer", methods=["GET", "POST"])
def offer_second_factor():
    interaction, _browser_session = _signed_in()
    if request.method == "GET":
        return render_template("signin/offer_second_factor.html")
    if request.form.get("decision") == "enrol":
        session[AFTER_ENROLMENT] = url_for("oidc.resume", interaction=interaction.id)
        session.pop(AFTER_SIGNIN, None)
        return redirect(url_for("account.two_factor_setup"), code=303)
    return finish_with_error(
        interaction, "unmet_authentication_requirements", "The citizen has no second factor for loa:2."
    )
