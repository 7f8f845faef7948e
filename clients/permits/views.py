"""Perizinan pages: the permits on offer, the application form, the citizen's applications."""

import secrets

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from clients.common import current_sign_in, sign_in_required
from clients.common.language import t

from .models import Application, PermitType, db
from .prefill import applicant_details, applicant_details_from_claims

bp = Blueprint("permits", __name__)
BUSINESS_FIELDS = ("business_name", "business_address", "business_activity")
REQUIRED_APPLICANT_FIELDS = ("applicant_name", "applicant_phone")


def permit_types():
    return db.session.scalars(select(PermitType).order_by(PermitType.processing_days)).all()


def own_applications(sub):
    return db.session.scalars(
        select(Application).where(Application.applicant_sub == sub).order_by(Application.id.desc())
    ).all()


@bp.get("/")
def home():
    sign_in = current_sign_in()
    applications = own_applications(sign_in.sub) if sign_in else []
    return render_template("permits/home.html", permit_types=permit_types(), applications=applications)


def application_form(chosen_type=None, typed=None):
    typed = typed or {}
    return render_template(
        "permits/application_form.html",
        permit_types=permit_types(),
        from_jaki=applicant_details_from_claims(current_sign_in()),
        chosen_type=chosen_type,
        typed=typed,
        submission_id=typed.get("submission_id") or secrets.token_urlsafe(16),
    )


def already_submitted(sub, submission_id):
    """The application this very form made before, if it was sent already."""
    if not submission_id:
        return None
    return db.session.scalar(
        select(Application).where(Application.submission_id == submission_id, Application.applicant_sub == sub)
    )


@bp.get("/applications/new")
@sign_in_required
def new_application():
    return application_form(chosen_type=request.args.get("type"))


@bp.post("/applications")
@sign_in_required
def submit_application():
    sign_in = current_sign_in()
    submission_id = request.form.get("submission_id", "")[:64] or None
    earlier = already_submitted(sign_in.sub, submission_id)
    if earlier is not None:
        return redirect(url_for(".show_application", application_id=earlier.id))
    applicant = applicant_details(sign_in, request.form)
    business = {field: request.form.get(field, "").strip() for field in BUSINESS_FIELDS}
    permit_type = db.session.get(PermitType, request.form.get("permit_type", ""))
    required = [applicant[f] for f in REQUIRED_APPLICANT_FIELDS] + list(business.values())
    if permit_type is None or not all(required):
        flash(t("Lengkapi semua isian yang wajib."))
        return application_form(request.form.get("permit_type"), request.form), 400
    application = Application(
        applicant_sub=sign_in.sub,
        permit_type_code=permit_type.code,
        **{field: value or None for field, value in applicant.items()},
        **business,
        submission_id=submission_id,
    )
    db.session.add(application)
    try:
        db.session.commit()
    except IntegrityError:  # the same form, sent twice at once: the other request made it
        db.session.rollback()
        earlier = already_submitted(sign_in.sub, submission_id)
        if earlier is None:
            raise
        return redirect(url_for(".show_application", application_id=earlier.id))
    flash(t("Permohonan {reference} telah diajukan.", reference=application.reference))
    return redirect(url_for(".show_application", application_id=application.id))


@bp.get("/applications/<int:application_id>")
@sign_in_required
def show_application(application_id):
    application = db.session.get(Application, application_id)
    # Another citizen's application is as good as missing.
    if application is None or application.applicant_sub != current_sign_in().sub:
        abort(404)
    return render_template("permits/application.html", application=application)
