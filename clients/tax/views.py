"""Jakpenda pages: the citizen's tax objects, and bills behind step-up."""

from datetime import UTC, datetime

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for

from clients.common import current_sign_in, sign_in_required
from clients.common.language import t
from clients.common.oidc import begin_sign_in

from .demo_bills import demo_taxpayer
from .lookup import find_taxpayer
from .models import Bill, db
from .stepup import has_step_up, step_up_acr, step_up_fell_short, step_up_max_age

bp = Blueprint("tax", __name__)


def taxpayer_or_demo(sign_in):
    """The tax office's taxpayer, or (in this demo) one made up for whoever signs in."""
    return find_taxpayer(sign_in) or demo_taxpayer(sign_in)


def citizens_bill(bill_id):
    """The bill, if it belongs to the signed-in citizen; 404 otherwise."""
    bill = db.session.get(Bill, bill_id)
    if bill is None or bill.tax_object.taxpayer != taxpayer_or_demo(current_sign_in()):
        abort(404)
    return bill


@bp.get("/")
def home():
    sign_in = current_sign_in()
    return render_template("tax/home.html", taxpayer=taxpayer_or_demo(sign_in) if sign_in else None)


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
        max_age=step_up_max_age(),
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
        flash(t("Tagihan {code} telah dibayar.", code=bill.payment_code))
    return redirect(url_for(".show_bill", bill_id=bill.id))
