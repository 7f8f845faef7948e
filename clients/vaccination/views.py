"""Vaksinasi pages: sites, the citizen's eligibility and schedule, and booking a slot."""

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from clients.common import current_sign_in, sign_in_required
from clients.common.language import t

from .eligibility import eligibility
from .models import Booking, Site, Slot, db

bp = Blueprint("vaccination", __name__)


def campaign_start():
    return db.session.scalar(select(func.min(Slot.day)))


def citizen_eligibility(sign_in):
    return eligibility(sign_in.claim("birthdate"), date.today(), campaign_start())


def booking_of(sub):
    return db.session.scalar(select(Booking).where(Booking.citizen_sub == sub))


def bookings_per_slot():
    rows = db.session.execute(select(Booking.slot_id, func.count()).group_by(Booking.slot_id))
    return dict(rows.all())


def bookable(slot, citizen, booked):
    has_seat = booked.get(slot.id, 0) < slot.capacity
    return citizen.eligible and slot.day >= citizen.earliest_day and has_seat


@bp.get("/")
def home():
    sign_in = current_sign_in()
    context = {"sites": db.session.scalars(select(Site).order_by(Site.name)).all()}
    if sign_in:
        context.update(
            eligibility=citizen_eligibility(sign_in), booking=booking_of(sign_in.sub), nik_ending=nik_ending(sign_in)
        )
    return render_template("vaccination/home.html", **context)


def nik_ending(sign_in):
    """The last four digits of the NIK JAKI ID sent (its purpose: the national certificate);
    the page shows no more of it."""
    nik = sign_in.claim("nik")
    return nik[-4:] if isinstance(nik, str) and len(nik) == 16 else None


@bp.get("/sites/<int:site_id>")
def show_site(site_id):
    site = db.get_or_404(Site, site_id)
    sign_in = current_sign_in()
    citizen = citizen_eligibility(sign_in) if sign_in else None
    slots = db.session.scalars(select(Slot).where(Slot.site_id == site.id).order_by(Slot.day, Slot.starts_at)).all()
    booked = bookings_per_slot()
    return render_template(
        "vaccination/site.html",
        site=site,
        slots=[(slot, citizen is not None and bookable(slot, citizen, booked)) for slot in slots],
        eligibility=citizen,
        booking=booking_of(sign_in.sub) if sign_in else None,
    )


@bp.post("/bookings")
@sign_in_required
def book():
    sign_in = current_sign_in()
    slot = db.get_or_404(Slot, request.form.get("slot_id", 0, type=int))
    if booking_of(sign_in.sub) is not None:
        flash(t("Anda sudah memiliki jadwal vaksinasi."))
    elif not bookable(slot, citizen_eligibility(sign_in), bookings_per_slot()):
        flash(t("Slot ini tidak dapat Anda pesan."))
    else:
        db.session.add(Booking(citizen_sub=sign_in.sub, slot=slot))
        db.session.commit()
        flash(t("Jadwal vaksinasi Anda telah dipesan."))
        return redirect(url_for(".home"))
    return redirect(url_for(".show_site", site_id=slot.site_id))
