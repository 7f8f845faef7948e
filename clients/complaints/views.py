"""Jaklapor pages: the public queue, and a signed-in citizen's own reports."""

from collections.abc import Sequence

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from clients.common import current_sign_in, sign_in_required
from clients.common.language import t

from .models import CATEGORIES, Report, db

bp = Blueprint("complaints", __name__)
RECENT_REPORTS_SHOWN = 10


@bp.get("/")
def home():
    sign_in = current_sign_in()
    recent = db.session.scalars(select(Report).order_by(Report.created_at.desc()).limit(RECENT_REPORTS_SHOWN)).all()
    own: Sequence[Report] = []
    if sign_in:
        own = db.session.scalars(
            select(Report).where(Report.reporter_sub == sign_in.sub).order_by(Report.id.desc())
        ).all()
    return render_template("complaints/home.html", recent=recent, own=own, categories=CATEGORIES)


@bp.post("/reports")
@sign_in_required
def create_report():
    form = request.form
    filled_in = all(form.get(field, "").strip() for field in ("location", "description"))
    if form.get("category") not in CATEGORIES or not filled_in:
        flash(t("Lengkapi kategori, lokasi dan uraian laporan."))
        return redirect(url_for(".home"))
    report = Report(
        reporter_sub=current_sign_in().sub,
        category=form["category"],
        location=form["location"].strip(),
        description=form["description"].strip(),
    )
    db.session.add(report)
    db.session.commit()
    flash(t("Laporan Anda telah diterima dengan nomor {reference}.", reference=f"JL-{report.id:05d}"))
    return redirect(url_for(".home"))
