"""The consent step: Allow records the consent with the scopes left ticked, Deny returns
access_denied (OIDC Core 3.1.2.4)."""

from urllib.parse import urlsplit

from flask import make_response, render_template, request

from idp.interaction import transaction
from idp.interaction.flow import at_step, client_of, finish_with_error, proceed
from idp.interaction.needs import purposes_changed
from idp.interaction.steps import Step
from idp.protocol.claims_request import consent_scope, essential_scopes
from idp.protocol.errors import AccessDenied
from idp.services import consents
from idp.signin import bp
from idp.signin.consent_choices import answer, choices, purposes_shown
from idp.web.errors import PageError
from idp.web.headers import allow_image_from
from idp.web.i18n import N_, current_locale


@bp.route("/consent", methods=["GET", "POST"])
def consent():
    interaction, upcoming = at_step(Step.CONSENT)
    citizen, client = upcoming.who, client_of(interaction)
    assert client is not None  # only a service's transaction asks for consent
    scope = consent_scope(interaction.params, client)
    if request.method == "GET":
        earlier = consents.find(citizen.id, client.client_id)
        needed = essential_scopes(interaction.params, client.scope)
        rows = choices(scope, client, earlier, current_locale(), needed)
        offered = " ".join(row.name for row in rows if row.optional)
        changed = purposes_changed(earlier, client)
        page = make_response(
            render_template(
                "signin/consent.html", client=client, choices=rows, offered=offered, purposes_changed=changed
            )
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
    allowed, declined = answer(scope, request.form)
    consents.record(
        citizen.id,
        client.client_id,
        allowed,
        declined=declined,
        purposes=purposes_shown(scope, client, current_locale()),
        purpose_version=client.purpose_version,
        language=current_locale(),
    )
    transaction.consented(interaction)
    return proceed(interaction)
