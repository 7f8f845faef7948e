"""Relying-party plumbing shared by the agency services.

Written once: the OpenID Connect sign-in, callback, sign-out and error pages
(`auth`, `oidc`), the app factory that wires them (`app`), and the helpers the
services' own views use (`signin`, `csrf`).
"""

from .app import create_service_app
from .service import Service
from .signin import current_sign_in, sign_in_required

__all__ = ["Service", "create_service_app", "current_sign_in", "sign_in_required"]
