"""The protocol endpoints, one module each."""

from flask import Blueprint

bp = Blueprint("oidc", __name__)

from idp.oidc import authorize, discovery, end_session, par, registration, token, userinfo  # noqa: E402,F401
