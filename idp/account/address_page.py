"""The citizen's address in Jakarta's form (street, RT/RW, kelurahan, kecamatan, city,
province, postal code): added, corrected or removed. Services with the `address` scope
receive it as the OIDC address claim (idp/citizen_data/address.py)."""

from flask import flash, g, render_template, request

from idp.account import bp, citizen_required
from idp.account.profile import SAVED, to_overview
from idp.citizen_data import address
from idp.extensions import db
from idp.services import citizens
from idp.web import after_post
from idp.web.i18n import N_
from idp.web.i18n import gettext as _

# What the form starts with for a new address: most citizens live in the province.
NEW_ADDRESS = dict.fromkeys(address.FIELDS, "") | {"province": "DKI Jakarta"}
# The five cities and the regency of DKI Jakarta, offered while typing the city.
JAKARTA_CITIES = (
    "Jakarta Pusat",
    "Jakarta Utara",
    "Jakarta Barat",
    "Jakarta Selatan",
    "Jakarta Timur",
    "Kepulauan Seribu",
)


@bp.route("/address", methods=["GET", "POST"])
@citizen_required
def address_page():
    citizen = g.citizen
    if request.method == "GET":
        kept, status, headers = after_post.shown()
        form = kept.get("form") or (dict(NEW_ADDRESS) | (citizen.address or {}))
        page = render_template(
            "account/address.html",
            form=form,
            errors=kept.get("errors"),
            saved=citizen.address is not None,
            cities=JAKARTA_CITIES,
        )
        return page, status, headers
    form = {name: request.form.get(name, "") for name in address.FIELDS}
    values, problems = address.clean(form)
    if problems:
        errors: dict[str, str] = {}
        for found in problems:  # the first problem of each field
            errors.setdefault(found.field, _(found.message))
        return after_post.show_again(form=form, errors=errors)
    if citizens.change_profile(citizen, {"address": values}):
        flash(SAVED)
    db.session.commit()
    return to_overview()


@bp.route("/address/remove", methods=["POST"])
@citizen_required
def remove_address():
    if citizens.change_profile(g.citizen, {"address": None}):
        flash(N_("Your address is removed. Services you allowed to read it no longer receive it."))
    db.session.commit()
    return to_overview()
