"""The consent page: Allow records a Consent row, Deny returns access_denied."""

from flask import render_template, request

from idp.clock import now, timestamp
from idp.extensions import db
from idp.interaction.needs import find_consent
from idp.models import Consent
from idp.oidc.authorize import finish_with_error, granted_scope, proceed
from idp.services.browser_sessions import current_session
from idp.services.clients import find as find_client
from idp.signin import bp
from idp.signin.flow import current_interaction
from idp.web.errors import PageError

# What the citizen is told each scope releases.
SCOPE_DESCRIPTIONS = {
    "openid": "A pseudonymous identifier for you, different for every agency",
    "profile": "Your name and date of birth",
    "phone": "Your verified phone number",
}


def _context():
    interaction = current_interaction()
    if interaction is None:
        raise PageError("This sign-in has expired", "Go back to the service you came from and start again.")
    session = current_session()
    if session is None:
        raise PageError("You are signed out", "Go back to the service you came from and sign in again.")
    client = find_client(interaction.client_id)
    return interaction, session, client


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    interaction, session, client = _context()
    scope = granted_scope(interaction.params, client)
    if request.method == "GET":
        descriptions = [SCOPE_DESCRIPTIONS[s] for s in scope.split() if s in SCOPE_DESCRIPTIONS]
        return render_template("signin/consent.html", client=client, descriptions=descriptions, interaction=interaction)
    decision = request.form.get("decision")
    if decision == "deny":
        return finish_with_error(interaction, "access_denied", "The citizen denied the request.")
    if decision != "allow":
        raise PageError("Invalid request", "Choose Allow or Deny.")
    record_consent(session.citizen_id, client.client_id, scope)
    interaction.consented_at = timestamp()
    db.session.commit()
    return proceed(interaction)


def record_consent(citizen_id: str, client_id: str, scope: str):
    """Remember the grant, adding to what was allowed before."""
    row = find_consent(citizen_id, client_id)
    if row is None:
        row = Consent(citizen_id=citizen_id, client_id=client_id, scope=scope)
        db.session.add(row)
    else:
        kept = [] if row.revoked_at else row.scope.split()
        row.scope = " ".join(dict.fromkeys(kept + scope.split()))
        row.revoked_at = None
    row.granted_at = now()
