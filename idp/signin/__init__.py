"""The pages between /authorize and the code: phone, one-time code, profile, consent."""

from flask import Blueprint

from ..csrf import protect

bp = Blueprint("signin", __name__)
bp.before_request(protect)

from . import consent, phone, second_factor  # noqa: E402,F401  (registers the views)
