"""Consent receipts: one signed receipt per consent event, kept as it was signed.

Signed when the event happens, in the transaction that records it, and stored; a download
returns those stored bytes. Re-creating a receipt on each download would not do: after a
key rotation it would carry another key's signature (and an ECDSA signature differs every
time), so two downloads of one receipt would differ, and it would state with today's key
facts about the past (the agency's name, the purpose texts) as they read today. A receipt is
evidence of what the citizen was shown and agreed to at that moment; like a paper receipt it
is made once. It stays verifiable after rotation because a retired key stays in the key
store (`keys.trusted_keys`), which `flask receipts verify` checks against; only a key revoked
as compromised stops vouching for what it signed.

An event recorded while no key could sign (a fresh deployment's first `flask purge`) gets
its receipt when first asked for, and from then on the same bytes.
"""

import uuid

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from idp.clock import timestamp
from idp.extensions import db
from idp.models import Citizen, Client, Consent, ConsentEvent, ConsentReceipt
from idp.models.consent import STANDING_KINDS
from idp.protocol import consent_receipt
from idp.protocol.keys import NoSigningKey
from idp.protocol.pairwise import subject_for
from idp.protocol.scopes import CATALOGUE, Sensitivity, in_catalogue_order
from idp.web.i18n import N_, translate_to

OPENID_PURPOSE = N_("Signing you in to this service")


def _stated(event: ConsentEvent) -> ConsentEvent:
    """The event whose scopes and purposes the receipt states: itself, or for a withdrawal
    or an expiry the consent that then ended (what stopped being allowed)."""
    if event.kind in STANDING_KINDS:
        return event
    earlier = db.session.scalar(
        select(ConsentEvent)
        .where(
            ConsentEvent.consent_id == event.consent_id,
            ConsentEvent.id < event.id,
            ConsentEvent.kind.in_([str(kind) for kind in STANDING_KINDS]),
        )
        .order_by(ConsentEvent.id.desc())
        .limit(1)
    )
    return earlier or event


def facts(consent: Consent, event: ConsentEvent, receipt_id: str) -> consent_receipt.ReceiptFacts:
    client = db.session.scalar(select(Client).where(Client.client_id == consent.client_id))
    citizen = db.session.get(Citizen, consent.citizen_id)
    assert client is not None and citizen is not None
    stated = _stated(event)
    language = stated.language or "id"
    scopes = in_catalogue_order(stated.scope.split() or ["openid"])
    purposes = {
        scope.name: stated.purposes.get(scope.name) or translate_to(language, OPENID_PURPOSE)
        for scope in scopes
        if scope.name == "openid" or stated.purposes.get(scope.name)
    }
    issuer = current_app.config["ISSUER"]
    return consent_receipt.ReceiptFacts(
        receipt_id=receipt_id,
        event=event.kind,
        actor=event.actor,
        occurred_at=event.occurred_at,
        controller=client.agency or client.name,
        service=client.name,
        subject=subject_for(citizen, client),  # pseudonymous, as the service knows the citizen
        purposes=purposes,
        data_categories={s.name: ["sub"] if s.name == "openid" else list(s.claims) for s in scopes},
        sensitive_scopes=[s.name for s in scopes if CATALOGUE[s.name].sensitivity == Sensitivity.SENSITIVE],
        language=language,
        notice_version=stated.purpose_version,
        policy_url=client.policy_uri or f"{issuer}/privacy",
    )


def issue(consent: Consent, event: ConsentEvent) -> ConsentReceipt | None:
    """Sign and keep the event's receipt (the caller commits); None if no key signs yet."""
    receipt_id = str(uuid.uuid4())
    # iat is when it was signed: the event's moment, or later for one signed on first request.
    fields = consent_receipt.fields(facts(consent, event, receipt_id), current_app.config["ISSUER"], timestamp())
    try:
        signed = consent_receipt.sign(fields)
    except NoSigningKey:
        return None  # signed when first asked for (see above): a consent change never fails for it
    row = ConsentReceipt(event_id=event.id, receipt_id=receipt_id, jws=signed)
    db.session.add(row)
    return row


def of_event(citizen_id: str, event_id: int) -> tuple[ConsentEvent, ConsentReceipt] | None:
    """The citizen's own event and its receipt (made now if it has none yet); None if the
    event is not theirs, so another citizen's receipt is never found."""
    found = db.session.execute(
        select(Consent, ConsentEvent)
        .join(ConsentEvent, ConsentEvent.consent_id == Consent.id)
        .where(ConsentEvent.id == event_id, Consent.citizen_id == citizen_id)
    ).first()
    if found is None:
        return None
    consent, event = found
    receipt = db.session.scalar(select(ConsentReceipt).where(ConsentReceipt.event_id == event.id))
    if receipt is None:
        try:
            receipt = issue(consent, event)
            db.session.commit()
        except IntegrityError:  # made meanwhile by another download: that one stands
            db.session.rollback()
            receipt = db.session.scalar(select(ConsentReceipt).where(ConsentReceipt.event_id == event.id))
        if receipt is None:
            return None
    return event, receipt


def of_citizen(citizen_id: str) -> dict[int, ConsentReceipt]:
    """Every receipt of the citizen's consent events, by event id."""
    rows = db.session.scalars(
        select(ConsentReceipt)
        .join(ConsentEvent, ConsentEvent.id == ConsentReceipt.event_id)
        .join(Consent, Consent.id == ConsentEvent.consent_id)
        .where(Consent.citizen_id == citizen_id)
    )
    return {row.event_id: row for row in rows}
