"""The pages of a sign-in, between /authorize and the code: phone, one-time code,
profile, authenticator (or the offer to set one up) and consent. Which one comes
next is decided in idp/interaction/steps.py; each page only does its step.
"""

from flask import Blueprint, g

from idp.web.csrf import protect
from idp.web.headers import no_store
from idp.web.parameters import reject_control_characters

bp = Blueprint("signin", __name__)
bp.before_request(reject_control_characters)
bp.before_request(protect)
bp.after_request(no_store)


@bp.context_processor
def the_service():
    """The service this sign-in is for, named on every page from the first (templates/_service.html)."""
    from idp.services import clients

    interaction = g.get("interaction")
    client_id = interaction.client_id if interaction is not None else None
    return {"service": clients.find_live(client_id) if client_id else None}


from idp.signin import authenticator, consent, phone, profile  # noqa: E402,F401  (registers the views)
