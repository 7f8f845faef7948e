"""The auditor console: read-only pages, pseudonyms only, every view and export logged,
a reveal only with a written justification; operators kept out, auditors change nothing."""

import csv
import html
import io
import json
import re

import pytest

from idp.audit import log
from idp.audit import types as audit
from idp.audit.pseudonyms import pseudonym_of
from idp.extensions import db
from tests.audit.conftest import stored_events, tamper
from tests.conftest import csrf_of, post_form, sign_in
from tests.oidc.flows import PHONE, tokens_for
from tests.staff.conftest import staff_sign_in

AUDITOR_PAGES = [
    "/staff/audit",
    "/staff/audit/chain",
    "/staff/audit/export?format=csv",
    "/staff/audit/reveal?pseudonym=w-x",
]


@pytest.fixture
def auditor(http, make_staff):
    staff = make_staff(username="audra", role="auditor")
    staff_sign_in(http, staff)
    return staff


@pytest.fixture
def signed_in_citizen(app, make_client):
    """A citizen who signed in to a service, in a browser of their own."""
    client = make_client(name="Perizinan")
    tokens_for(app.test_client(), client)
    from tests.account.test_second_factor import citizen

    return citizen(), client


def page(http, url):
    response = http.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def shown_types(body: str) -> list[str]:
    """The types of the events listed on an events page (not the filter's choices)."""
    return re.findall(r"#\d+ · ([\w.]+)</span>", body)


def viewed():
    return [e.details for e in stored_events() if e.type == audit.AUDITOR_VIEWED]


def test_events_show_pseudonyms_never_the_phone_or_the_name(http, auditor, signed_in_citizen):
    citizen, _ = signed_in_citizen
    body = page(http, "/staff/audit?ui_locales=en")
    assert pseudonym_of(citizen.id) in body and "Signed in" in body
    assert "81234567890" not in body and citizen.name not in body and citizen.id not in body


def test_filter_by_type(http, auditor, signed_in_citizen):
    body = page(http, f"/staff/audit?type={audit.OTP_CODE_SENT}")
    assert shown_types(body) == [audit.OTP_CODE_SENT]


def test_filter_by_client(http, auditor, signed_in_citizen, make_client):
    _, client = signed_in_citizen
    other = make_client(name="Pajak")
    log.append("test.other_client", client_id=other.client_id)
    db.session.commit()
    body = page(http, f"/staff/audit?client={client.client_id}")
    assert set(shown_types(body)) >= {audit.SIGNIN_SUCCEEDED, audit.CLIENT_REGISTERED}
    assert "test.other_client" not in shown_types(body)


def test_filter_by_pseudonymous_citizen(http, auditor, signed_in_citizen, make_citizen):
    citizen, _ = signed_in_citizen
    log.append("test.someone_else", citizen_id=make_citizen().id)
    db.session.commit()
    shown = shown_types(page(http, f"/staff/audit?citizen={pseudonym_of(citizen.id)}"))
    assert audit.SIGNIN_SUCCEEDED in shown and "test.someone_else" not in shown


def test_filter_by_time_range_in_jakarta_days(http, make_staff, clock):
    from datetime import datetime

    for moment, name in [("2027-01-01T16:59:00", "test.before"), ("2027-01-01T17:00:00", "test.inside")]:
        clock.set(datetime.fromisoformat(moment + "+00:00").timestamp())  # 17:00 UTC is midnight in Jakarta
        log.append(name)
        db.session.commit()
    staff_sign_in(http, make_staff(role="auditor"))  # after the clock moved: a session of that time
    shown = shown_types(page(http, "/staff/audit?since=2027-01-02&until=2027-01-02"))
    assert "test.inside" in shown and "test.before" not in shown


def test_a_bad_date_is_explained(http, auditor):
    response = http.get("/staff/audit?since=yesterday&ui_locales=en")
    assert response.status_code == 400 and "Enter dates as YYYY-MM-DD." in response.get_data(as_text=True)


def test_pages_of_fifty_newest_first(http, auditor):
    for number in range(60):
        log.append(audit.LIMIT_HIT, details={"number": number})
    db.session.commit()
    first = html.unescape(page(http, f"/staff/audit?type={audit.LIMIT_HIT}&ui_locales=en"))
    assert "Page 1 of 2" in first and '"number": 59' in first and '"number": 9}' not in first
    second = page(http, f"/staff/audit?type={audit.LIMIT_HIT}&page=2&ui_locales=en")
    assert "Page 2 of 2" in second and len(shown_types(second)) == 10


def test_every_view_is_an_event_with_its_filters(http, auditor):
    page(http, f"/staff/audit?type={audit.SIGNIN_FAILED}")
    page(http, "/staff/audit/chain")
    assert viewed() == [
        {"page": "events", "filters": {"type": audit.SIGNIN_FAILED}, "page_number": 1},
        {"page": "chain"},
    ]
    assert {e.actor_id for e in stored_events() if e.type == audit.AUDITOR_VIEWED} == {str(auditor.id)}


def test_csv_export_is_an_event(http, auditor, signed_in_citizen):
    response = http.get(f"/staff/audit/export?format=csv&type={audit.SIGNIN_SUCCEEDED}")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [row["type"] for row in rows] == [audit.SIGNIN_SUCCEEDED]
    assert response.headers["Content-Disposition"].startswith("attachment")
    (exported,) = [e for e in stored_events() if e.type == audit.AUDITOR_EXPORTED]
    assert exported.details == {"format": "csv", "filters": {"type": audit.SIGNIN_SUCCEEDED}, "events": 1}


def test_json_export_has_one_event_a_line_with_hashes(http, auditor, signed_in_citizen):
    response = http.get("/staff/audit/export?format=json")
    records = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    assert records and all(len(r["hash"]) == 64 for r in records)
    assert "81234567890" not in response.get_data(as_text=True)


def test_chain_status_says_intact_and_how_far(http, five_events, auditor):
    body = page(http, "/staff/audit/chain?ui_locales=en")
    assert "The chain is intact: verified through event 6." in body  # the five, then the auditor's sign-in


def test_chain_status_names_the_break(http, five_events, auditor):
    tamper("DELETE FROM audit_event WHERE seq = 3")
    body = page(http, "/staff/audit/chain?ui_locales=en")
    assert "The chain is broken after event 2." in body and "event 3 missing" in body


def test_a_reveal_without_justification_reveals_nothing(http, auditor, signed_in_citizen):
    citizen, _ = signed_in_citizen
    url = f"/staff/audit/reveal?pseudonym={pseudonym_of(citizen.id)}&ui_locales=en"
    response = post_form(http, url, {"pseudonym": pseudonym_of(citizen.id), "justification": "because"})
    assert response.status_code == 400 and "+6281234567890" not in response.get_data(as_text=True)
    assert not [e for e in stored_events() if e.type == audit.AUDITOR_REVEALED]


def test_a_justified_reveal_shows_the_citizen_and_is_logged(http, auditor, signed_in_citizen):
    citizen, _ = signed_in_citizen
    pseudonym = pseudonym_of(citizen.id)
    why = "Case 2026/114: complaint about a permit signed in this name"
    response = post_form(
        http, f"/staff/audit/reveal?pseudonym={pseudonym}", {"pseudonym": pseudonym, "justification": why}
    )
    assert response.status_code == 200 and "+6281234567890" in response.get_data(as_text=True)
    (event,) = [e for e in stored_events() if e.type == audit.AUDITOR_REVEALED]
    assert (event.actor_id, event.citizen) == (str(auditor.id), pseudonym)
    assert event.details == {"pseudonym": pseudonym, "justification": why, "found": True}


def test_a_justification_with_a_phone_number_is_refused(http, auditor, signed_in_citizen):
    citizen, _ = signed_in_citizen
    pseudonym = pseudonym_of(citizen.id)
    why = "The caller from 081234567890 asked who signed in"
    response = post_form(
        http, f"/staff/audit/reveal?pseudonym={pseudonym}&ui_locales=en", {"pseudonym": pseudonym, "justification": why}
    )
    assert response.status_code == 400 and "Leave phone numbers and NIK out" in response.get_data(as_text=True)
    assert not [e for e in stored_events() if e.type == audit.AUDITOR_REVEALED]


@pytest.mark.parametrize("url", AUDITOR_PAGES)
def test_operators_cannot_open_auditor_pages(http, make_staff, url):
    staff_sign_in(http, make_staff(role="operator"))
    assert http.get(url).status_code == 403


@pytest.mark.parametrize("url", AUDITOR_PAGES)
def test_nobody_signed_in_is_sent_to_staff_sign_in(http, url):
    assert http.get(url).location == "/staff/signin"


@pytest.mark.parametrize("url", AUDITOR_PAGES[:3])
def test_auditor_pages_change_nothing_they_answer_get_only(http, auditor, url):
    response = http.post(url, data={"csrf_token": csrf_of(http)})
    assert response.status_code == 405


def test_a_citizen_session_opens_no_auditor_page(http):
    sign_in(http, PHONE)
    assert http.get("/staff/audit").location == "/staff/signin"


def test_the_citizen_sees_their_own_sign_ins_and_nobody_elses(http, make_citizen):
    log.append(audit.SIGNIN_SUCCEEDED, citizen_id=make_citizen().id)
    db.session.commit()
    sign_in(http, PHONE)
    body = page(http, "/account/activity?ui_locales=en")
    assert body.count("Signed in</strong>") == 1


def test_the_citizen_sees_a_failed_authenticator_code(http, signed_in_citizen):
    citizen, _ = signed_in_citizen
    log.append(audit.SIGNIN_FAILED, citizen_id=citizen.id, details={"step": "authenticator"})
    db.session.commit()
    sign_in(http, PHONE)
    assert "Sign-in failed" in page(http, "/account/activity?ui_locales=en")
