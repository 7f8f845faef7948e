"""Configuration of one service process, read from the environment.

A service knows only the provider's issuer URL and its own registration;
everything else comes from the discovery document at run time.
"""

import json
import os
import secrets

DEFAULT_ISSUER = "http://localhost:5000"
PROVIDER_TIMEOUT_SECONDS = 10


def config_from_environment(service):
    return {
        # A random fallback only logs citizens out on restart; the stack sets one.
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(32),
        "JAKI_ISSUER": os.environ.get("JAKI_ISSUER", DEFAULT_ISSUER).rstrip("/"),
        "JAKI_CLIENT_ID": os.environ.get("JAKI_CLIENT_ID"),
        "JAKI_CLIENT_SECRET": os.environ.get("JAKI_CLIENT_SECRET"),
        # A service registered with --profile fapi2: its private signing key (a JWK), for
        # private_key_jwt; it then also pushes its requests and uses DPoP (fapi.py).
        "JAKI_CLIENT_JWK": os.environ.get("JAKI_CLIENT_JWK"),
        # A service allowed the NIK: its private encryption key (a JWK); JAKI ID encrypts its
        # ID tokens, UserInfo and logout tokens to the public half (encryption.py).
        "JAKI_CLIENT_ENC_JWK": os.environ.get("JAKI_CLIENT_ENC_JWK"),
        "JAKI_UI_LOCALES": os.environ.get("JAKI_UI_LOCALES"),
        "SERVICE_URL": os.environ.get("SERVICE_URL", "http://localhost:8000").rstrip("/"),
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL", f"sqlite:///{service.name}.db"),
        # Links to the other demo services, so one URL leads to all four.
        "NEIGHBOUR_SERVICES": json.loads(os.environ.get("NEIGHBOUR_SERVICES", "[]")),
    }
