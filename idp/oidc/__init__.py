"""The protocol endpoints, one module each."""

from flask import Blueprint

bp = Blueprint("oidc", __name__)

from . import authorize, discovery, end_session, token, userinfo  # noqa: E402,F401
