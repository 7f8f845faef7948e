"""The pages between /authorize and the code: phone, one-time code, profile, consent."""

from flask import Blueprint

from idp.web.csrf import protect

bp = Blueprint("signin", __name__)
bp.before_request(protect)

from idp.signin import consent, phone, second_factor  # noqa: E402,F401  (registers the views)
