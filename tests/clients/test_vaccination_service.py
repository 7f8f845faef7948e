"""Vaksinasi: sites people can find, eligibility from the date of birth, and booking."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from clients.vaccination.demo import DEMO_SITES
from clients.vaccination.eligibility import ADULT_WAIT_DAYS, eligibility
from clients.vaccination.models import Booking, Slot, db
from tests.clients.signin_helpers import post_form, sign_in

TODAY = date(2026, 11, 27)
CAMPAIGN_START = date(2026, 12, 1)


@pytest.fixture
def app(make_app):
    return make_app("vaccination")


@pytest.fixture
def http(app):
    return app.test_client()


def slots(app):
    with app.app_context():
        return [
            (slot.id, slot.site_id, slot.day) for slot in db.session.scalars(select(Slot).order_by(Slot.day, Slot.id))
        ]


def bookings(app):
    with app.app_context():
        return db.session.scalars(select(Booking)).all()


def test_every_site_shows_address_phone_coordinates_and_map_link(http):
    page = http.get("/").get_data(as_text=True)

    for name, street, district, city, postal_code, phone, lat, lon in DEMO_SITES:
        assert name in page
        assert f"{street}, {district}, {city} {postal_code}" in page
        assert phone in page
        assert f"{lat:.6f}, {lon:.6f}" in page
        assert f"https://www.openstreetmap.org/?mlat={lat}&amp;mlon={lon}" in page


def test_site_phone_is_a_callable_link(http):
    page = http.get("/sites/1").get_data(as_text=True)

    assert 'href="tel:+622131901001"' in page


@pytest.mark.parametrize(
    "birthdate, group, earliest",
    [
        ("1950-01-01", "Lansia (prioritas)", CAMPAIGN_START),
        ("1966-11-27", "Lansia (prioritas)", CAMPAIGN_START),  # 60 today
        ("1966-11-28", "Dewasa", CAMPAIGN_START + timedelta(days=ADULT_WAIT_DAYS)),
        ("2008-11-27", "Dewasa", CAMPAIGN_START + timedelta(days=ADULT_WAIT_DAYS)),  # 18 today
    ],
)
def test_eligible_citizens_get_their_earliest_day(birthdate, group, earliest):
    result = eligibility(birthdate, TODAY, CAMPAIGN_START)

    assert (result.eligible, result.group, result.earliest_day) == (True, group, earliest)


def test_children_are_not_booked_through_this_service():
    assert not eligibility("2008-11-28", TODAY, CAMPAIGN_START).eligible


@pytest.mark.parametrize("claim", [None, "", "0000-04-12", "12/04/1985"])
def test_without_a_usable_birthdate_eligibility_is_unknown(claim):
    result = eligibility(claim, TODAY, CAMPAIGN_START)

    assert (result.eligible, result.age_years) == (False, None)


def test_signed_in_page_shows_age_group_and_schedule(http):
    sign_in(http)

    page = http.get("/").get_data(as_text=True)

    assert "kelompok <strong>Dewasa</strong>" in page
    assert "Anda dapat memesan slot mulai" in page
    assert 'data-claim="birthdate">1985-04-12<' in page


def test_citizen_books_a_slot_and_sees_where_to_go(app, http):
    sign_in(http)
    slot_id, site_id, _ = slots(app)[-1]

    post_form(http, "/bookings", {"slot_id": slot_id})

    [booking] = bookings(app)
    assert booking.slot_id == slot_id
    page = http.get("/").get_data(as_text=True)
    assert "VKS-000001" in page
    assert DEMO_SITES[site_id - 1][1] in page


def test_slot_before_the_citizens_earliest_day_is_refused(app, http):
    sign_in(http)
    first_slot_id = slots(app)[0][0]

    post_form(http, "/bookings", {"slot_id": first_slot_id})

    assert bookings(app) == []


def test_one_booking_per_citizen(app, http):
    sign_in(http)
    later_slots = slots(app)[-2:]

    for slot_id, _, _ in later_slots:
        post_form(http, "/bookings", {"slot_id": slot_id})

    assert len(bookings(app)) == 1


def test_children_cannot_book(app, http, jaki):
    jaki.citizen.birthdate = (date.today() - timedelta(days=365 * 10)).isoformat()
    sign_in(http)

    post_form(http, "/bookings", {"slot_id": slots(app)[-1][0]})

    assert bookings(app) == []
    assert "Anak dan remaja" in http.get("/").get_data(as_text=True)
