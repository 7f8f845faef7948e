"""The consent step: Allow records the consent, Deny returns access_denied (OIDC Core 3.1.2.4)."""

from urllib.parse import urlsplit

from flask import make_response, render_template, request

from idp.interaction import transaction
from idp.interaction.flow import at_step, client_of, finish_with_error, proceed
from idp.interaction.steps import Step
from idp.protocol.claims import SCOPE_DESCRIPTIONS, grantable_scope
from idp.protocol.errors import AccessDenied
from idp.services import consents
from idp.signin import bp
from idp.web.errors import PageError
from idp.web.headers import allow_image_from
from idp.web.i18n import N_


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    interaction, upcoming = at_step(Step.CONSENT)
    citizen, client = upcoming.who, client_of(interaction)
    assert client is not None  # only a service's transaction asks for consent
    scope = grantable_scope(interaction.params.get("scope"), client)
    if request.method == "GET":
        descriptions = [SCOPE_DESCRIPTIONS[s] for s in scope.split() if s in SCOPE_DESCRIPTIONS]
        page = make_response(
            render_template("signin/consent.html", client=client, descriptions=descriptions, interaction=interaction)
        )
        if client.logo_uri:  # https (loopback http in development), checked at registration
            parts = urlsplit(client.logo_uri)
            allow_image_from(page, f"{parts.scheme}://{parts.netloc}")
        return page
    decision = request.form.get("decision")
    if decision == "deny":
        return finish_with_error(interaction, AccessDenied("The citizen denied the request."))
    if decision != "allow":
        raise PageError("Invalid request", N_("Choose Allow or Deny."))
    consents.record(citizen.id, client.client_id, scope)
    transaction.consented(interaction)
    return proceed(interaction)
