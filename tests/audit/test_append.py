"""Appending: one chain, written with the change it records, nothing private in it."""

import pytest
from flask import g
from sqlalchemy import select

from idp.audit import log
from idp.audit.chain import link_hash
from idp.audit.details import UnsafeAuditDetail
from idp.audit.pseudonyms import pseudonym_of
from idp.extensions import db
from idp.models import AuditChainHead, AuditPseudonym, Citizen
from idp.models.audit import GENESIS_HASH
from tests.audit.conftest import stored_events


def test_events_get_consecutive_seq_and_each_links_to_the_one_before(five_events):
    assert [event.seq for event in five_events] == [1, 2, 3, 4, 5]
    assert five_events[0].prev_hash == GENESIS_HASH
    for before, event in zip(five_events, five_events[1:], strict=False):
        assert event.prev_hash == before.hash


def test_the_hash_is_sha256_of_prev_hash_and_the_canonical_row(five_events):
    event = five_events[2]
    row = {name: getattr(event, name) for name in ("seq", "time", "type", "actor_kind", "actor_id", "client_id")}
    row |= {"citizen": event.citizen, "details": event.details}
    assert link_hash(event.prev_hash, row) == event.hash


def test_the_chain_head_row_names_the_newest_event(five_events):
    head = db.session.get(AuditChainHead, 1)
    assert (head.seq, head.hash) == (5, five_events[-1].hash)


def test_an_event_is_written_by_the_commit_of_the_change_it_records(make_citizen):
    citizen = make_citizen()
    citizen.name = "Dewi"
    log.append("test.renamed", citizen_id=citizen.id)
    assert stored_events() == []  # not before the commit
    db.session.commit()
    assert [event.type for event in stored_events()] == ["test.renamed"]


def test_a_rolled_back_change_leaves_no_event(make_citizen):
    citizen = make_citizen()
    citizen.name = "Dewi"
    log.append("test.renamed", citizen_id=citizen.id)
    db.session.rollback()
    db.session.commit()  # a later commit does not write the forgotten event
    assert stored_events() == []
    assert db.session.get(Citizen, citizen.id).name == "Siti Rahma"


def test_an_event_rolled_back_before_anything_else_happened_is_forgotten():
    db.session.commit()
    log.append("test.nothing_else")
    db.session.rollback()
    log.append("test.after")
    db.session.commit()
    assert [event.type for event in stored_events()] == ["test.after"]


def test_several_events_of_one_transaction_are_consecutive_links():
    log.append("test.one")
    log.append("test.two")
    db.session.commit()
    one, two = stored_events()
    assert (one.seq, two.seq, two.prev_hash) == (1, 2, one.hash)


def test_a_citizen_appears_only_as_a_pseudonym_that_the_mapping_resolves(make_citizen):
    citizen = make_citizen()
    log.append("test.signed_in", citizen_id=citizen.id)
    db.session.commit()
    (event,) = stored_events()
    assert event.citizen == event.actor_id == pseudonym_of(citizen.id)
    assert citizen.id not in event.citizen and event.actor_kind == "citizen"
    assert db.session.scalar(select(AuditPseudonym.citizen_id).where(AuditPseudonym.pseudonym == event.citizen)) == (
        citizen.id
    )


def test_the_actor_may_be_staff_client_or_system(make_citizen):
    citizen = make_citizen()
    log.append("test.revealed", actor=log.staff(7), citizen_id=citizen.id)
    log.append("test.rotated", actor=log.client("abc"), client_id="abc")
    log.append("test.pruned")
    db.session.commit()
    actors = [(event.actor_kind, event.actor_id) for event in stored_events()]
    assert actors == [("staff", "7"), ("client", "abc"), ("system", None)]


@pytest.mark.parametrize(
    "details",
    [
        {"phone": "+6281234567890"},
        {"note": "sent to 081234567890"},
        {"nik": "3171234567890001"},
        {"note": "3171234567890001"},
        {"code": "123456"},
        {"refresh_token": "abc"},
        {"client_secret": "abc"},
        {"nested": {"password": "x"}},
        {"ratio": 0.5},
    ],
)
def test_details_refuse_phone_numbers_nik_codes_tokens_and_secrets(details):
    with pytest.raises(UnsafeAuditDetail):
        log.append("test.unsafe", details=details)


def test_on_a_staff_page_the_staff_member_is_the_actor(app, make_citizen):
    citizen = make_citizen()
    with app.test_request_context("/staff/"):
        g.staff_member = type("Staff", (), {"id": 4})()
        assert log.acting(citizen.id) == log.staff(4)  # an operator acting on a citizen's behalf


def test_elsewhere_the_citizen_the_event_is_about_acts_else_the_system(app, make_citizen):
    citizen = make_citizen()
    with app.test_request_context("/account"):
        assert (log.acting(citizen.id), log.acting()) == (log.citizen(citizen.id), log.SYSTEM)
