"""Jakpenda pages: the citizen's tax objects, and bills behind step-up."""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for

from clients.common import current_sign_in, sign_in_required
from clients.common.oidc import begin_sign_in

from .lookup import find_taxpayer
from .models import Bill, db
from .stepup import has_step_up, step_up_acr, step_up_fell_short

bp = Blueprint("tax", __name__)


def citizens_bill(bill_id):
    """The bill, if it belongs to the signed-in citizen; 404 otherwise."""
    bill = db.session.get(Bill, bill_id)
    if bill is None or bill.tax_object.taxpayer != find_taxpayer(current_sign_in()):
        abort(404)
    return bill


@bp.get("/")
def home():
    sign_in = current_sign_in()
    return render_template("tax/home.html", taxpayer=find_taxpayer(sign_in) if sign_in else None)


@bp.get("/bills/<int:bill_id>")
@sign_in_required
def show_bill(bill_id):
    bill = citizens_bill(bill_id)
    sign_in = current_sign_in()
    if has_step_up(sign_in):
        return render_template("tax/bill.html", bill=bill)
    if step_up_fell_short(sign_in):
        return render_template("tax/step_up_fell_short.html", bill=bill, acr_values=step_up_acr())
    return redirect(url_for(".step_up", bill_id=bill.id))


@bp.get("/bills/<int:bill_id>/step-up")
@sign_in_required
def step_up(bill_id):
    bill = citizens_bill(bill_id)
    return begin_sign_in(
        current_app.config["SERVICE"],
        url_for(".show_bill", bill_id=bill.id),
        acr_values=step_up_acr(),
    )


@bp.post("/bills/<int:bill_id>/pay")
@sign_in_required
def pay_bill(bill_id):
    bill = citizens_bill(bill_id)
    if not has_step_up(current_sign_in()):
        return redirect(url_for(".show_bill", bill_id=bill.id))
    if bill.paid_at is None:
        bill.paid_at = datetime.now(UTC)
        db.session.commit()
        flash(f"Tagihan {bill.payment_code} telah dibayar.")
    return redirect(url_for(".show_bill", bill_id=bill.id))
