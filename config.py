"""Configuration: one class reading the environment, with dev-safe defaults.

Production mode (JAKI_ENV=production) refuses to start with a development
secret, the development key-encryption key or the development SMS outbox.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "dev-secret-key-change-me"
# 32 url-safe base64 bytes (Fernet); only for development and tests.
DEV_KEY_ENCRYPTION_KEY = "ZGV2LWtleS1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE="
DEV_CLIENT_SECRET_PEPPER = "dev-client-secret-pepper"
DEV_PAIRWISE_SALT = "dev-pairwise-salt"


def _env_int(name, default):
    return int(os.environ.get(name, default))


class Config:
    ENV = os.environ.get("JAKI_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    ISSUER = os.environ.get("ISSUER", "http://localhost:5000").rstrip("/")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'jaki.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Secrets that protect data at rest.
    KEY_ENCRYPTION_KEY = os.environ.get("KEY_ENCRYPTION_KEY", DEV_KEY_ENCRYPTION_KEY)
    CLIENT_SECRET_PEPPER = os.environ.get("CLIENT_SECRET_PEPPER", DEV_CLIENT_SECRET_PEPPER)
    PAIRWISE_SALT = os.environ.get("PAIRWISE_SALT", DEV_PAIRWISE_SALT)

    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")  # outbox | console
    SERVICE_NAME = "JAKI ID"

    # Lifetimes, in seconds.
    AUTHORIZATION_CODE_TTL_SECONDS = _env_int("AUTHORIZATION_CODE_TTL_SECONDS", 60)
    ACCESS_TOKEN_TTL_SECONDS = _env_int("ACCESS_TOKEN_TTL_SECONDS", 3600)
    REFRESH_TOKEN_TTL_SECONDS = _env_int("REFRESH_TOKEN_TTL_SECONDS", 30 * 24 * 3600)
    ID_TOKEN_TTL_SECONDS = _env_int("ID_TOKEN_TTL_SECONDS", 3600)
    OTP_TTL_SECONDS = _env_int("OTP_TTL_SECONDS", 300)
    OTP_MAX_ATTEMPTS = _env_int("OTP_MAX_ATTEMPTS", 5)
    INTERACTION_TTL_SECONDS = _env_int("INTERACTION_TTL_SECONDS", 1800)
    SESSION_IDLE_TIMEOUT_SECONDS = _env_int("SESSION_IDLE_TIMEOUT_SECONDS", 7 * 24 * 3600)
    SESSION_ABSOLUTE_TTL_SECONDS = _env_int("SESSION_ABSOLUTE_TTL_SECONDS", 30 * 24 * 3600)
    # A retired signing key stays published this long after rotation, so
    # tokens signed with it can still be verified until they expire.
    KEY_RETIREMENT_GRACE_SECONDS = _env_int("KEY_RETIREMENT_GRACE_SECONDS", 2 * 3600)
    # Allowed clock skew for JWTs we verify (client assertions, hints).
    CLOCK_SKEW_SECONDS = _env_int("CLOCK_SKEW_SECONDS", 60)

    SESSION_COOKIE_NAME = "jaki_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = ENV == "production"
    BROWSER_SESSION_COOKIE = "__Host-jaki_sid" if ENV == "production" else "jaki_sid"

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "jaki")
    # How many proxies (load balancers) in front of us set X-Forwarded-For.
    PROXY_FIX_X_FOR = _env_int("PROXY_FIX_X_FOR", 0)

    @property
    def is_production(self):
        return self.ENV == "production"


class TestConfig(Config):
    TESTING = True
    ENV = "test"
    ISSUER = "https://id.jakarta.test"
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite://")
    SQLALCHEMY_ENGINE_OPTIONS = {}
    SESSION_COOKIE_SECURE = False
    BROWSER_SESSION_COOKIE = "jaki_sid"


def check_production_safety(config):
    """Refuse to run in production with anything meant for development."""
    if config.get("ENV") != "production":
        return
    problems = []
    if config["SECRET_KEY"] == DEV_SECRET_KEY:
        problems.append("SECRET_KEY is the development value")
    if config["KEY_ENCRYPTION_KEY"] == DEV_KEY_ENCRYPTION_KEY:
        problems.append("KEY_ENCRYPTION_KEY is the development value")
    if config["CLIENT_SECRET_PEPPER"] == DEV_CLIENT_SECRET_PEPPER:
        problems.append("CLIENT_SECRET_PEPPER is the development value")
    if config["PAIRWISE_SALT"] == DEV_PAIRWISE_SALT:
        problems.append("PAIRWISE_SALT is the development value")
    if config["SMS_BACKEND"] == "outbox":
        problems.append("SMS_BACKEND is the development outbox")
    if not config["ISSUER"].startswith("https://"):
        problems.append("ISSUER must use https")
    if problems:
        raise RuntimeError("Refusing to start in production: " + "; ".join(problems))
