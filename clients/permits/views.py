"""Perizinan pages: the permits on offer, the application form, the citizen's applications."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from clients.common import current_sign_in, sign_in_required

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
    return render_template(
        "permits/application_form.html",
        permit_types=permit_types(),
        from_jaki=applicant_details_from_claims(current_sign_in()),
        chosen_type=chosen_type,
        typed=typed or {},
    )


@bp.get("/applications/new")
@sign_in_required
def new_application():
    return application_form(chosen_type=request.args.get("type"))


@bp.post("/applications")
@sign_in_required
def submit_application():
    sign_in = current_sign_in()
    applicant = applicant_details(sign_in, request.form)
    business = {field: request.form.get(field, "").strip() for field in BUSINESS_FIELDS}
    permit_type = db.session.get(PermitType, request.form.get("permit_type", ""))
    required = [applicant[f] for f in REQUIRED_APPLICANT_FIELDS] + list(business.values())
    if permit_type is None or not all(required):
        flash("Lengkapi semua isian yang wajib.")
        return application_form(request.form.get("permit_type"), request.form), 400
    application = Application(
        applicant_sub=sign_in.sub,
        permit_type_code=permit_type.code,
        **{field: value or None for field, value in applicant.items()},
        **business,
    )
    db.session.add(application)
    db.session.commit()
    flash(f"Permohonan {application.reference} telah diajukan.")
    return redirect(url_for(".show_application", application_id=application.id))


@bp.get("/applications/<int:application_id>")
@sign_in_required
def show_application(application_id):
    application = db.session.get(Application, application_id)
    # Another citizen's application is as good as missing.
    if application is None or application.applicant_sub != current_sign_in().sub:
        abort(404)
    return render_template("permits/application.html", application=application)
