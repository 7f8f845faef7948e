"""Disclosure records reach the audit log in sealed batches (idp/audit/disclosure_seals.py):
releasing claims writes only its own row, and a batch event later seals the rows with a
digest that `verify` recomputes."""

import json

import pytest
from sqlalchemy import func, select

from idp.audit import disclosure_seals
from idp.audit import types as audit
from idp.audit.pseudonyms import pseudonym_of
from idp.extensions import db
from idp.models.disclosure import Disclosure
from tests.account.test_second_factor import citizen
from tests.audit.conftest import stored_events, tamper
from tests.oidc.flows import tokens_for, userinfo
from tests.staff.conftest import staff_sign_in


def events_of(event_type):
    return [event for event in stored_events() if event.type == event_type]


def unsealed() -> int:
    return db.session.scalar(select(func.count()).select_from(Disclosure).where(Disclosure.sealed_in.is_(None)))


@pytest.fixture
def released(http, make_client):
    """A sign-in to a service and one UserInfo call: two releases (ID token, UserInfo)."""
    client = make_client()
    userinfo(http, tokens_for(http, client)["access_token"])
    return client


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def test_releasing_claims_writes_its_record_and_no_audit_event(released):
    assert unsealed() == 2
    assert stored_events()[-1].type != audit.DISCLOSED and not events_of(audit.DISCLOSED)


def test_the_record_carries_the_pseudonym_auditors_search_by(released):
    rows = db.session.scalars(select(Disclosure)).all()
    assert {row.citizen_pseudonym for row in rows} == {pseudonym_of(citizen().id)}


def test_a_seal_is_one_event_for_every_unsealed_record(released):
    assert disclosure_seals.seal() == 2
    (event,) = events_of(audit.DISCLOSURES_SEALED)
    rows = db.session.scalars(select(Disclosure).order_by(Disclosure.id)).all()
    assert event.details["count"] == 2 and event.details["digest"] == disclosure_seals.digest_of(rows)
    assert {row.sealed_in for row in rows} == {event.details["batch"]} and unsealed() == 0


def test_a_second_seal_with_nothing_new_appends_nothing(released):
    disclosure_seals.seal()
    assert disclosure_seals.seal() == 0
    assert len(events_of(audit.DISCLOSURES_SEALED)) == 1


def test_seals_are_batched_by_size(released, http):
    assert disclosure_seals.seal(batch_size=1) == 2
    assert [e.details["count"] for e in events_of(audit.DISCLOSURES_SEALED)] == [1, 1]


def test_verify_matches_sealed_batches_and_counts_what_came_since(released, http, make_client):
    disclosure_seals.seal()
    tokens_for(http, make_client(name="Vaksinasi"))  # one more release, after the seal
    status = disclosure_seals.verify()
    assert status.problem is None and status.batches_checked == 1 and status.unsealed == 1


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE disclosure SET claims = 'sub' WHERE id = (SELECT MIN(id) FROM disclosure)",
        "DELETE FROM disclosure WHERE id = (SELECT MIN(id) FROM disclosure)",
        "UPDATE disclosure SET sealed_in = NULL WHERE id = (SELECT MIN(id) FROM disclosure)",
        "UPDATE disclosure SET client_id = 'another-service' WHERE id = (SELECT MAX(id) FROM disclosure)",
    ],
    ids=["altered", "deleted", "moved out of its batch", "given to another service"],
)
def test_verify_names_a_sealed_batch_changed_afterwards(released, change):
    disclosure_seals.seal()
    tamper(change)
    assert "were altered" in disclosure_seals.verify().problem


def test_flask_purge_seals(released, cli):
    result = cli("purge")
    assert "disclosures: 2 sealed" in result.output and unsealed() == 0


def test_flask_audit_seal_and_verify(released, cli):
    assert "sealed 2 disclosures" in cli("audit", "seal").output
    result = cli("audit", "verify")
    assert result.exit_code == 0 and "1 sealed batches match; 0 recorded since the last seal" in result.output


def test_flask_audit_verify_fails_on_a_changed_batch(released, cli):
    cli("audit", "seal")
    tamper("UPDATE disclosure SET endpoint = 'introspection'")
    result = cli("audit", "verify")
    assert result.exit_code == 1 and "were altered" in result.output


def test_the_citizen_still_sees_each_release_on_the_activity_page(released, http):
    body = http.get("/account/activity?ui_locales=en").get_data(as_text=True)
    assert body.count("Information released to a service") == 2


def test_the_auditor_sees_each_release_in_the_citizen_history(released, http, make_staff):
    pseudonym = pseudonym_of(citizen().id)
    staff_sign_in(http, make_staff(username="audra", role="auditor"))
    body = http.get(f"/staff/audit/consents?citizen={pseudonym}&ui_locales=en").get_data(as_text=True)
    assert body.count("Information released to a service") == 2 and json.dumps("userinfo")[1:-1] in body
