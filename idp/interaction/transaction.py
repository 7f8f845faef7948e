"""The authorization transaction's state: one Interaction row, found, started and moved.

Every step of a sign-in is recorded here, on the server: the code on its way
(the number is on its challenge row), whose number came back, the authenticator
proven, the sign-in and the consent. The browser holds only opaque ids: its
`browser_id` and, in the URL, the interaction's id. A row is honoured only in the
browser that started it, and only while fresh.

A sign-in to JAKI ID's own pages (the account) is a transaction without a client;
the browser finds it by its `browser_id` alone, so its pages need no id in the URL.
"""

from datetime import timedelta

from flask import current_app, g, request, session
from sqlalchemy import inspect, select

from idp.clock import now, timestamp
from idp.extensions import db
from idp.models import Citizen, Interaction, OtpChallenge
from idp.security import random_token
from idp.services.browser_sessions import browser_id
from idp.web.errors import PageError
from idp.web.i18n import N_, pick_locale


class TransactionExpired(PageError):
    """The sign-in this page belonged to is over: finished (its code issued), or too old.
    A citizen who is signed in goes on to the service's home page, or else to their account,
    instead (idp/interaction/expired.py); `client_id` names the service when it is known."""

    client_id: str | None = None


EXPIRED = TransactionExpired("This sign-in has expired", N_("Go back to the service you came from and start again."))

# The browser's own record of its recent sign-ins at services (interaction id -> client_id),
# in its signed session cookie: once a sign-in's row is gone, back still finds its service.
RECENT_SIGN_INS = "recent_sign_ins"
RECENT_SIGN_INS_KEPT = 5


def _remember(interaction: Interaction) -> None:
    if interaction.client_id is None:
        return
    recent = [pair for pair in session.get(RECENT_SIGN_INS, []) if pair[0] != interaction.id]
    session[RECENT_SIGN_INS] = [*recent, [interaction.id, interaction.client_id]][-RECENT_SIGN_INS_KEPT:]


def expired(interaction_id: str | None) -> TransactionExpired:
    """EXPIRED, naming the service this browser started that sign-in for, if it did."""
    error = TransactionExpired(EXPIRED.title, EXPIRED.detail)
    error.client_id = dict(session.get(RECENT_SIGN_INS, [])).get(interaction_id)
    return error


def _expires_at():
    return now() + timedelta(seconds=current_app.config["INTERACTION_TTL_SECONDS"])


def start(client_id: str, params: dict) -> Interaction:
    """A validated authorization request, paused until the citizen has done their part.

    Not stored yet: a signed-in citizen with consent gets the code in this same request,
    and then the row would be written only to be deleted. `keep` stores it the moment
    the citizen has a page to see."""
    return Interaction(
        id=random_token(), browser_id=browser_id(), client_id=client_id, params=params, expires_at=_expires_at()
    )


def is_stored(interaction: Interaction) -> bool:
    return not inspect(interaction).transient


def keep(interaction: Interaction) -> None:
    """Store a transaction `start` began, before the browser is sent to one of its pages."""
    if not is_stored(interaction):
        db.session.add(interaction)
        db.session.commit()
        _remember(interaction)


def _local_of_this_browser() -> Interaction | None:
    return db.session.scalar(
        select(Interaction)
        .where(
            Interaction.browser_id == browser_id(),
            Interaction.client_id.is_(None),
            Interaction.expires_at > now(),
        )
        .order_by(Interaction.created_at.desc())
        .limit(1)
    )


def start_local(return_to: str | None = None) -> Interaction:
    """A sign-in to JAKI ID's own pages; one per browser, returning to `return_to`."""
    interaction = _local_of_this_browser()
    if interaction is None:
        interaction = Interaction(id=random_token(), browser_id=browser_id(), params={}, expires_at=_expires_at())
        db.session.add(interaction)
    if return_to is not None:
        interaction.return_to = return_to
    db.session.commit()
    return interaction


def load(interaction_id: str | None) -> Interaction:
    """The transaction named in a URL, if it belongs to this browser and is still fresh."""
    interaction = db.session.get(Interaction, interaction_id) if interaction_id else None
    if interaction is None or interaction.browser_id != browser_id() or interaction.expires_at <= now():
        raise expired(interaction_id)
    return interaction


def named() -> Interaction | None:
    """The transaction this page's URL names, if any; the page speaks its language."""
    interaction_id = request.args.get("interaction")
    interaction = load(interaction_id) if interaction_id else None
    g.interaction = interaction  # the page names its service (idp/signin/__init__.py)
    ui_locales = interaction.params.get("ui_locales") if interaction else None
    g.locale = pick_locale(ui_locales or request.args.get("ui_locales"))
    return interaction


def current() -> Interaction | None:
    """This page's transaction: the one its URL names, else the browser's own sign-in."""
    interaction = named() or _local_of_this_browser()
    g.interaction = interaction
    return interaction


def end(interaction: Interaction) -> None:
    if is_stored(interaction):
        db.session.delete(interaction)
    db.session.commit()


# --- The sign-in's steps, as they happen ----------------------------------------------


def code_sent(interaction: Interaction, challenge: OtpChallenge) -> None:
    """A code went to a number: a new number starts the proof again."""
    # The citizen is at work on this sign-in: it lives on while they are.
    interaction.expires_at = max(interaction.expires_at, _expires_at())
    interaction.challenge_id = challenge.id
    interaction.citizen_id = interaction.phone_verified_at = interaction.second_factor_at = None
    db.session.commit()


def pending_challenge(interaction: Interaction | None) -> OtpChallenge | None:
    """The code on its way in this transaction (its row holds the number)."""
    if interaction is None or interaction.challenge_id is None:
        return None
    return db.session.get(OtpChallenge, interaction.challenge_id)


def phone_proven(interaction: Interaction, citizen: Citizen) -> None:
    """The code sent to the citizen's number came back in this browser."""
    interaction.challenge_id = None
    interaction.citizen_id = citizen.id
    interaction.phone_verified_at = timestamp()
    db.session.commit()


def proven_citizen(interaction: Interaction) -> Citizen | None:
    """The citizen whose number was proven in this transaction, if recently enough.

    Bounded, so a proof left in an open tab does not sign anyone in an hour later.
    """
    if interaction.citizen_id is None or interaction.phone_verified_at is None:
        return None
    if timestamp() - interaction.phone_verified_at > current_app.config["OTP_TTL_SECONDS"] * 2:
        return None
    return db.session.get(Citizen, interaction.citizen_id)


def second_factor_proven(interaction: Interaction) -> None:
    interaction.second_factor_at = timestamp()
    db.session.commit()


def signed_in(interaction: Interaction) -> None:
    """Signing in during this transaction satisfies prompt=login and max_age on the way back."""
    interaction.authenticated_at = timestamp()
    interaction.citizen_id = interaction.phone_verified_at = None
    db.session.commit()


def consented(interaction: Interaction) -> None:
    interaction.consented_at = timestamp()
    db.session.commit()
