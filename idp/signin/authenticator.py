"""The authenticator step, at sign-in and at step-up to loa:2, and the offer to set one up.

At sign-in, a citizen who set up an authenticator proves it after the SMS code
(kept on the transaction until the session starts). At step-up, a session that
already has loa:1 is raised to loa:2 without a new SMS. A citizen without an
authenticator may set one up now, or decline, and the service then gets
`unmet_authentication_requirements` (OpenID Connect Core errata set 2, 3.1.2.6).
"""

from flask import redirect, render_template, request, url_for

from idp.audit import log as audit_log
from idp.audit import types as audit
from idp.extensions import db
from idp.interaction import transaction
from idp.interaction.flow import at_step, finish_with_error, step_done
from idp.interaction.steps import Step
from idp.mfa.second_factor import TooManyAttempts, accept_second_factor
from idp.protocol.errors import UnmetAuthenticationRequirements
from idp.services.browser_sessions import record_second_factor
from idp.signin import bp
from idp.web import after_post
from idp.web.i18n import format_wait
from idp.web.i18n import gettext as _


@bp.route("/signin/authenticator", methods=["GET", "POST"])
def authenticator():
    interaction, upcoming = at_step(Step.AUTHENTICATOR)
    at_signin = upcoming.signing_in
    if request.method == "GET":
        kept, status, headers = after_post.shown()
        return render_template("signin/second_factor.html", at_signin=at_signin, **kept), status, headers
    try:
        accepted = accept_second_factor(upcoming.who, request.form.get("code", ""))
    except TooManyAttempts as refusal:
        # Shown on this step by GET (429, Retry-After), so back or reload never sends a code again.
        wait = refusal.retry_after_seconds
        error = _("Too many wrong codes. Try again in {wait}.", wait=format_wait(wait))
        return after_post.show_again(429, {"Retry-After": str(wait)}, error=error)
    if not accepted:
        details = {"step": "authenticator", "reason": "wrong_code", "at_signin": at_signin}
        audit_log.append(
            audit.SIGNIN_FAILED, citizen_id=upcoming.who.id, client_id=interaction.client_id, details=details
        )
        db.session.commit()
        error = _("That code is not correct. Enter the current code from your authenticator app.")
        return after_post.show_again(error=error)
    if upcoming.session is None:
        transaction.second_factor_proven(interaction)  # the session it will start gets loa:2
    else:
        record_second_factor(upcoming.session)
    return step_done(interaction)


@bp.route("/signin/authenticator/offer", methods=["GET", "POST"])
def offer_authenticator():
    interaction, _offer = at_step(Step.OFFER_AUTHENTICATOR)
    if request.method == "GET":
        return render_template("signin/offer_second_factor.html")
    if request.form.get("decision") == "enrol":
        # The set-up page carries the transaction along and resumes it when done.
        return redirect(url_for("account.two_factor_setup", interaction=interaction.id), code=303)
    error = UnmetAuthenticationRequirements("The citizen has no second factor for loa:2.")
    return finish_with_error(interaction, error)
