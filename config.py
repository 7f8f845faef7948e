"""Configuration: one class reading the environment, with dev-safe defaults.

Production mode (JAKI_ENV=production) refuses to start with a development
secret, the development key-encryption key or the development SMS outbox; the
outbox needs its explicit opt-in (DEV_OUTBOX_ENABLED) in every mode.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEV_SECRET_KEY = "dev-secret-key-change-me"
DEV_SUPPORT_EMAIL = "bantuan@jaki-id.example"  # RFC 2606: a name that is never anyone's
DEV_SUPPORT_PHONE = "021 0000 0000"
# 32 url-safe base64 bytes (Fernet); only for development and tests.
DEV_KEY_ENCRYPTION_KEY = "ZGV2LWtleS1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcyE="
DEV_CLIENT_SECRET_PEPPER = "dev-client-secret-pepper"
DEV_PAIRWISE_SALT = "dev-pairwise-salt"


class ConfigurationError(RuntimeError):
    """A setting the app refuses to start with; the `flask` command shows it as one line (wsgi.py)."""


def _env_int(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from None


def database_url(url: str) -> str:
    """PostgreSQL through psycopg 3: `postgres://` (as many hosts spell it) means the same."""
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def engine_options(url: str, pool_size: int, max_overflow: int, timeout: int, recycle: int) -> dict:
    """The SQLAlchemy engine's pool: sized for PostgreSQL. A connection left idle is
    checked before use, so one the database dropped is replaced, not handed to a request
    (idp/operations/database.py: not one in steady use, which would cost a round trip each)."""
    # hide_parameters: a database error quotes its statement, never the values (numbers, digests).
    options: dict = {"hide_parameters": True}
    if url.startswith("postgresql"):
        options |= {"pool_size": pool_size, "max_overflow": max_overflow}
        options |= {"pool_timeout": timeout, "pool_recycle": recycle}
        # A database out of reach fails the request in seconds (a 503), not after the OS's minutes.
        options["connect_args"] = {"connect_timeout": min(timeout, 10)}
    return options


class Config:
    ENV = os.environ.get("JAKI_ENV", "development")
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    ISSUER = os.environ.get("ISSUER", "http://localhost:5000").rstrip("/")
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'instance' / 'jaki.db'}")
    )
    # Each worker process keeps its own pool; size it for the worker's threads (gunicorn.conf.py).
    # Workers x (DATABASE_POOL_SIZE + DATABASE_MAX_OVERFLOW) must stay under PostgreSQL's
    # max_connections (docs/operations.md).
    DATABASE_POOL_SIZE = _env_int("DATABASE_POOL_SIZE", 8)
    DATABASE_MAX_OVERFLOW = _env_int("DATABASE_MAX_OVERFLOW", 4)
    # A request waits this long for a free connection, then gets a 503 (idp/web/errors.py).
    DATABASE_POOL_TIMEOUT_SECONDS = _env_int("DATABASE_POOL_TIMEOUT_SECONDS", 5)
    # Connections are replaced after this long: a failover or a proxy's idle cut never
    # leaves a worker with only dead connections.
    DATABASE_POOL_RECYCLE_SECONDS = _env_int("DATABASE_POOL_RECYCLE_SECONDS", 1800)
    SQLALCHEMY_ENGINE_OPTIONS = engine_options(
        SQLALCHEMY_DATABASE_URI,
        DATABASE_POOL_SIZE,
        DATABASE_MAX_OVERFLOW,
        DATABASE_POOL_TIMEOUT_SECONDS,
        DATABASE_POOL_RECYCLE_SECONDS,
    )

    # Secrets that protect data at rest.
    KEY_ENCRYPTION_KEY = os.environ.get("KEY_ENCRYPTION_KEY", DEV_KEY_ENCRYPTION_KEY)
    CLIENT_SECRET_PEPPER = os.environ.get("CLIENT_SECRET_PEPPER", DEV_CLIENT_SECRET_PEPPER)
    PAIRWISE_SALT = os.environ.get("PAIRWISE_SALT", DEV_PAIRWISE_SALT)

    # No request we serve needs a large body; refuse big ones before parsing.
    MAX_CONTENT_LENGTH = 64 * 1024
    SMS_BACKEND = os.environ.get("SMS_BACKEND", "outbox")  # outbox | console | http
    # Development only, and only when asked for (DEV_OUTBOX_ENABLED=1): publish every SMS,
    # codes included, at /_dev/outbox (SMS_BACKEND=outbox) or in full on the console. Off
    # by default, so a deployment that forgets a setting publishes nothing; the outbox
    # backend refuses to start without it, and production refuses it.
    DEV_OUTBOX_ENABLED = os.environ.get("DEV_OUTBOX_ENABLED", "").strip().lower() in ("1", "true", "yes")
    SERVICE_NAME = "JAKI ID"
    # The help desk: on the help, privacy and account pages (idp/web/info.py); set both in
    # production (the defaults are placeholders under .example). Security SMS name
    # SUPPORT_CONTACT, the phone by default: a citizen who did not make a change calls at once.
    SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", DEV_SUPPORT_EMAIL)
    SUPPORT_PHONE = os.environ.get("SUPPORT_PHONE", DEV_SUPPORT_PHONE)
    SUPPORT_CONTACT = os.environ.get("SUPPORT_CONTACT", SUPPORT_PHONE)
    # The `http` backend: the gateway's URL, one header line "Name: value" (for
    # example "Authorization: Bearer xyz"), and a JSON body in which {to} and
    # {body} stand inside strings; both are replaced by JSON-escaped values.
    SMS_GATEWAY_URL = os.environ.get("SMS_GATEWAY_URL", "")
    SMS_GATEWAY_AUTH_HEADER = os.environ.get("SMS_GATEWAY_AUTH_HEADER", "")
    SMS_GATEWAY_BODY_TEMPLATE = os.environ.get("SMS_GATEWAY_BODY_TEMPLATE", '{"to": "{to}", "text": "{body}"}')
    SMS_GATEWAY_TIMEOUT_SECONDS = float(os.environ.get("SMS_GATEWAY_TIMEOUT_SECONDS", 5))
    SMS_GATEWAY_ATTEMPTS = _env_int("SMS_GATEWAY_ATTEMPTS", 3)  # tries in all, on connection errors and 5xx
    SMS_GATEWAY_RETRY_BACKOFF_SECONDS = float(os.environ.get("SMS_GATEWAY_RETRY_BACKOFF_SECONDS", 0.5))
    # Messages the whole provider may send per calendar day in Jakarta; then sending
    # stops and the operator is alerted (logger idp.sms).
    SMS_DAILY_BUDGET = _env_int("SMS_DAILY_BUDGET", 100_000)

    # Abuse controls for one-time codes (idp/otp_limits.py), as moving windows.
    # Per number they protect the citizen from a flood of SMS; per IP and per
    # browser they protect the SMS budget. Many citizens share one mobile
    # carrier's IP address, so the IP limit is generous.
    OTP_PER_NUMBER_LIMIT = os.environ.get("OTP_PER_NUMBER_LIMIT", "3 per 15 minutes")
    OTP_PER_NUMBER_DAILY_LIMIT = os.environ.get("OTP_PER_NUMBER_DAILY_LIMIT", "10 per day")
    OTP_PER_IP_LIMIT = os.environ.get("OTP_PER_IP_LIMIT", "60 per hour")
    OTP_PER_BROWSER_LIMIT = os.environ.get("OTP_PER_BROWSER_LIMIT", "10 per hour")
    # Wait before the next code to the same number: this long after the first
    # code of the day, doubling after each further code, never more than the max.
    OTP_COOLDOWN_FIRST_SECONDS = _env_int("OTP_COOLDOWN_FIRST_SECONDS", 30)
    OTP_COOLDOWN_MAX_SECONDS = _env_int("OTP_COOLDOWN_MAX_SECONDS", 15 * 60)
    # Sign-ins started (at /authorize, or for the account pages) per client address:
    # each stores a row for up to INTERACTION_TTL_SECONDS before anyone signs in.
    AUTHORIZE_PER_IP_LIMIT = os.environ.get("AUTHORIZE_PER_IP_LIMIT", "120 per 10 minutes")

    # Lifetimes, in seconds.
    AUTHORIZATION_CODE_TTL_SECONDS = _env_int("AUTHORIZATION_CODE_TTL_SECONDS", 60)
    # How long a pushed request_uri may be used at /authorize (RFC 9126 §2.2; FAPI 2.0
    # 5.3.2.2-12: under 600). The sign-in it starts then has the interaction's lifetime.
    PAR_TTL_SECONDS = _env_int("PAR_TTL_SECONDS", 90)
    # DPoP proofs (RFC 9449): how old an `iat` may be (plus CLOCK_SKEW_SECONDS), and
    # server nonces (§8), on when DPOP_NONCE_REQUIRED=1, each good for two periods.
    DPOP_PROOF_MAX_AGE_SECONDS = _env_int("DPOP_PROOF_MAX_AGE_SECONDS", 60)
    DPOP_NONCE_REQUIRED = os.environ.get("DPOP_NONCE_REQUIRED", "").strip().lower() in ("1", "true", "yes")
    DPOP_NONCE_PERIOD_SECONDS = _env_int("DPOP_NONCE_PERIOD_SECONDS", 300)
    ACCESS_TOKEN_TTL_SECONDS = _env_int("ACCESS_TOKEN_TTL_SECONDS", 3600)
    REFRESH_TOKEN_TTL_SECONDS = _env_int("REFRESH_TOKEN_TTL_SECONDS", 30 * 24 * 3600)
    ID_TOKEN_TTL_SECONDS = _env_int("ID_TOKEN_TTL_SECONDS", 3600)
    OTP_TTL_SECONDS = _env_int("OTP_TTL_SECONDS", 300)
    OTP_MAX_ATTEMPTS = _env_int("OTP_MAX_ATTEMPTS", 5)
    INTERACTION_TTL_SECONDS = _env_int("INTERACTION_TTL_SECONDS", 1800)
    SESSION_IDLE_TIMEOUT_SECONDS = _env_int("SESSION_IDLE_TIMEOUT_SECONDS", 7 * 24 * 3600)
    SESSION_ABSOLUTE_TTL_SECONDS = _env_int("SESSION_ABSOLUTE_TTL_SECONDS", 30 * 24 * 3600)
    # Wrong authenticator or recovery codes allowed per citizen.
    SECOND_FACTOR_FAILURE_LIMIT = os.environ.get("SECOND_FACTOR_FAILURE_LIMIT", "5 per 15 minutes")
    # Ended sign-in sessions are kept this long (they appear in the data export).
    ENDED_SESSION_RETENTION_SECONDS = _env_int("ENDED_SESSION_RETENTION_SECONDS", 90 * 24 * 3600)
    # `flask purge` deletes this many rows per transaction (short locks, steady progress).
    PURGE_BATCH_SIZE = _env_int("PURGE_BATCH_SIZE", 1000)
    # How long a proven second factor keeps a session at loa:2.
    ELEVATED_LEVEL_TTL_SECONDS = _env_int("ELEVATED_LEVEL_TTL_SECONDS", 15 * 60)
    # How long proving it is you (a code to the current number, or the authenticator)
    # allows changing the phone number, in that browser session only.
    PHONE_CHANGE_PROOF_TTL_SECONDS = _env_int("PHONE_CHANGE_PROOF_TTL_SECONDS", 10 * 60)
    # A new signing key is published this long before it signs: longer than
    # relying parties cache the JWKS (we say max-age=300).
    KEY_ROLLOVER_SECONDS = _env_int("KEY_ROLLOVER_SECONDS", 900)
    # Each worker re-reads the signing keys at most this often (idp/protocol/key_ring.py):
    # how long a change made elsewhere (the CLI, another worker) takes to reach it.
    KEYS_CACHE_SECONDS = _env_int("KEYS_CACHE_SECONDS", 5)
    # Likewise the clients (idp/services/client_copies.py): a client disabled, or its secret
    # or keys replaced, elsewhere is seen by every worker this late. 0 reads them every time.
    CLIENTS_CACHE_SECONDS = _env_int("CLIENTS_CACHE_SECONDS", 5)
    # A retired signing key stays published this long after rotation, so
    # tokens signed with it can still be verified until they expire.
    KEY_RETIREMENT_GRACE_SECONDS = _env_int("KEY_RETIREMENT_GRACE_SECONDS", 2 * 3600)
    # A consent lapses this long after the citizen last gave it, and is asked again.
    CONSENT_TTL_SECONDS = _env_int("CONSENT_TTL_SECONDS", 365 * 24 * 3600)
    # Allowed clock skew for JWTs we verify (client assertions, hints).
    CLOCK_SKEW_SECONDS = _env_int("CLOCK_SKEW_SECONDS", 60)
    # Back-channel logout (idp/backchannel/): each POST's time limit, how often it is
    # tried (waits of RETRY, 4x RETRY, 16x RETRY ...), how often each worker looks
    # for due deliveries, and the logout token's lifetime (signed anew per attempt).
    BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS = _env_int("BACKCHANNEL_LOGOUT_TIMEOUT_SECONDS", 5)
    BACKCHANNEL_LOGOUT_MAX_ATTEMPTS = _env_int("BACKCHANNEL_LOGOUT_MAX_ATTEMPTS", 5)
    BACKCHANNEL_LOGOUT_RETRY_SECONDS = _env_int("BACKCHANNEL_LOGOUT_RETRY_SECONDS", 10)
    BACKCHANNEL_LOGOUT_POLL_SECONDS = _env_int("BACKCHANNEL_LOGOUT_POLL_SECONDS", 15)
    BACKCHANNEL_LOGOUT_IN_BACKGROUND = True
    LOGOUT_TOKEN_TTL_SECONDS = _env_int("LOGOUT_TOKEN_TTL_SECONDS", 120)
    # Fetching what a client registered (jwks_uri, sector_identifier_uri): idp/outbound.
    OUTBOUND_TIMEOUT_SECONDS = float(os.environ.get("OUTBOUND_TIMEOUT_SECONDS", 5))
    OUTBOUND_MAX_BYTES = _env_int("OUTBOUND_MAX_BYTES", 256 * 1024)
    OUTBOUND_MAX_REDIRECTS = _env_int("OUTBOUND_MAX_REDIRECTS", 3)
    # A client's JWKS is reused this long; an unknown `kid` refetches it at most
    # once per CLIENT_JWKS_REFETCH_SECONDS (a client rotated its key).
    CLIENT_JWKS_CACHE_SECONDS = _env_int("CLIENT_JWKS_CACHE_SECONDS", 300)
    CLIENT_JWKS_REFETCH_SECONDS = _env_int("CLIENT_JWKS_REFETCH_SECONDS", 60)

    # __Host-: Secure, no Domain, Path=/ — a sibling subdomain cannot plant or read it.
    SESSION_COOKIE_NAME = "__Host-jaki_session" if ENV == "production" else "jaki_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = ENV == "production"
    BROWSER_SESSION_COOKIE = "__Host-jaki_sid" if ENV == "production" else "jaki_sid"

    # Staff (operators, auditors): their own cookie, shorter sessions than citizens'.
    STAFF_SESSION_COOKIE = "__Host-jaki_staff" if ENV == "production" else "jaki_staff"
    STAFF_SESSION_IDLE_TIMEOUT_SECONDS = _env_int("STAFF_SESSION_IDLE_TIMEOUT_SECONDS", 15 * 60)
    STAFF_SESSION_ABSOLUTE_TTL_SECONDS = _env_int("STAFF_SESSION_ABSOLUTE_TTL_SECONDS", 8 * 3600)
    # Time allowed between the correct password and the authentication code.
    STAFF_SIGNIN_STEP_TTL_SECONDS = _env_int("STAFF_SIGNIN_STEP_TTL_SECONDS", 5 * 60)
    STAFF_PASSWORD_MIN_LENGTH = _env_int("STAFF_PASSWORD_MIN_LENGTH", 12)
    # Argon2id cost (RFC 9106 second recommendation); raising it rehashes at next sign-in.
    STAFF_ARGON2_TIME_COST = _env_int("STAFF_ARGON2_TIME_COST", 3)
    STAFF_ARGON2_MEMORY_COST_KIB = _env_int("STAFF_ARGON2_MEMORY_COST_KIB", 64 * 1024)
    STAFF_ARGON2_PARALLELISM = _env_int("STAFF_ARGON2_PARALLELISM", 4)

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "jaki")
    # How many proxies (load balancers) in front of us set X-Forwarded-For; 0 = none,
    # and then the headers are ignored (anyone could send them). The TLS-terminating
    # proxies also set X-Forwarded-Proto and -Host; how many of them do (usually 1).
    PROXY_FIX_X_FOR = _env_int("PROXY_FIX_X_FOR", 0)
    PROXY_FIX_X_PROTO = _env_int("PROXY_FIX_X_PROTO", 1)
    PROXY_FIX_X_HOST = _env_int("PROXY_FIX_X_HOST", 1)

    # Operations (docs/operations.md). /metrics answers only this bearer token; unset, it is off.
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
    # Logs: "json" (one object per line, request id, numbers masked) or "text"; json in production.
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if ENV == "production" else "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

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
    SESSION_COOKIE_NAME = "jaki_session"
    BROWSER_SESSION_COOKIE = "jaki_sid"
    STAFF_SESSION_COOKIE = "jaki_staff"
    # Delivered before the response, so a test sees the logout token once its request returns.
    BACKCHANNEL_LOGOUT_IN_BACKGROUND = False


def check_dev_outbox(config):
    """The development outbox publishes every code: it needs the explicit opt-in, anywhere."""
    if config["SMS_BACKEND"] == "outbox" and not config.get("DEV_OUTBOX_ENABLED"):
        raise ConfigurationError(
            "Refusing to start: SMS_BACKEND is the development outbox, which publishes every code at "
            "/_dev/outbox, and DEV_OUTBOX_ENABLED is not set. Set DEV_OUTBOX_ENABLED=1 on a development "
            "machine, or SMS_BACKEND=http (or console) anywhere else."
        )


def check_production_safety(config):
    """Refuse to run in production with anything meant for development."""
    if config.get("ENV") != "production":
        return
    problems = []
    if config["SECRET_KEY"] == DEV_SECRET_KEY:
        problems.append("SECRET_KEY is the development value")
    if DEV_KEY_ENCRYPTION_KEY in (config["KEY_ENCRYPTION_KEY"] or ""):
        problems.append("KEY_ENCRYPTION_KEY is the development value")
    if config["CLIENT_SECRET_PEPPER"] == DEV_CLIENT_SECRET_PEPPER:
        problems.append("CLIENT_SECRET_PEPPER is the development value")
    if config["PAIRWISE_SALT"] == DEV_PAIRWISE_SALT:
        problems.append("PAIRWISE_SALT is the development value")
    if config["SMS_BACKEND"] == "outbox":
        problems.append("SMS_BACKEND is the development outbox")
    if config.get("DEV_OUTBOX_ENABLED"):
        problems.append("DEV_OUTBOX_ENABLED publishes every SMS code (development only)")
    if config["SMS_BACKEND"] == "http" and not config.get("SMS_GATEWAY_URL", "").startswith("https://"):
        problems.append("SMS_GATEWAY_URL must use https (it carries sign-in codes)")
    if not config["ISSUER"].startswith("https://"):
        problems.append("ISSUER must use https")
    if "://" in config.get("SUPPORT_CONTACT", ""):
        problems.append("SUPPORT_CONTACT must be the help desk's phone or e-mail, not a web address")
    problems += unsafe_settings(config)
    if problems:
        raise ConfigurationError("Refusing to start in production: " + "; ".join(problems))


# Secrets that key an HMAC or sign cookies: long enough not to be guessed offline
# (RFC 2104 §3: no shorter than the hash's output, 32 bytes for SHA-256). Make one
# with `python -c "import secrets; print(secrets.token_urlsafe(32))"`.
MIN_SECRET_LENGTH = 32
SECRETS = {
    "SECRET_KEY": "it signs the browser's cookie (CSRF token, browser id)",
    "CLIENT_SECRET_PEPPER": "it keys the stored digests of client secrets",
    "PAIRWISE_SALT": "it keys the pairwise subjects, which must not be linkable across services",
}
SMS_BACKENDS = ("outbox", "console", "http")  # idp/phone_otp/sms.py BACKENDS
ZERO_ALLOWED_SECONDS = ("CLOCK_SKEW_SECONDS", "SMS_GATEWAY_RETRY_BACKOFF_SECONDS")  # the others: > 0
JWKS_MAX_AGE_SECONDS = 300  # how long relying parties may cache /jwks.json (idp/oidc/discovery.py)


def _is_seconds(value, zero_allowed: bool) -> bool:
    return isinstance(value, (int, float)) and (value >= 0 if zero_allowed else value > 0)


def unsafe_settings(config) -> list[str]:
    """What else production must not run with: one message per setting, naming it."""
    from urllib.parse import urlsplit

    from cryptography.fernet import Fernet
    from limits import parse

    problems = []
    if (config.get("RATELIMIT_STORAGE_URI") or "memory://").startswith("memory://"):
        problems.append(
            "RATELIMIT_STORAGE_URI is memory://: every worker would keep its own rate limits and "
            "jti replay cache (a client assertion could be used once per worker); use redis://"
        )
    if config.get("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED") or config.get("RATELIMIT_IN_MEMORY_FALLBACK"):
        problems.append("RATELIMIT_IN_MEMORY_FALLBACK would count per worker while Redis is down")
    for name, why in SECRETS.items():
        if len(config.get(name) or "") < MIN_SECRET_LENGTH:
            problems.append(f"{name} must be at least {MIN_SECRET_LENGTH} random characters: {why}")
    try:
        # One key, or "new,old" while it is being changed (idp/security.py).
        for key in (config.get("KEY_ENCRYPTION_KEY") or "").split(","):
            Fernet(key.strip())
    except (ValueError, TypeError):
        problems.append("KEY_ENCRYPTION_KEY is not a Fernet key (32 url-safe base64-encoded bytes), or a list of them")
    if config.get("SMS_BACKEND") not in SMS_BACKENDS:
        problems.append(f"SMS_BACKEND {config.get('SMS_BACKEND')!r} is unknown (one of {', '.join(SMS_BACKENDS)})")
    if config.get("SMS_BACKEND") == "http" and not config.get("SMS_GATEWAY_URL"):
        problems.append("SMS_GATEWAY_URL is not set (SMS_BACKEND=http sends through it)")
    issuer = urlsplit(config.get("ISSUER") or "")
    if not issuer.hostname or issuer.query or issuer.fragment or issuer.path.endswith("/"):
        # OIDC Discovery §3 and 4.3: compared as a string, with no query or fragment.
        problems.append("ISSUER must be an https URL with a host, no query or fragment and no trailing slash")
    for name, value in config.items():
        zero_allowed = name in ZERO_ALLOWED_SECONDS
        if name.endswith("_SECONDS") and not _is_seconds(value, zero_allowed):
            problems.append(f"{name} must be a number of seconds, {'0 or more' if zero_allowed else 'more than 0'}")
        if name.endswith("_LIMIT") and isinstance(value, str):
            try:
                parse(value)
            except ValueError:
                problems.append(f"{name} {value!r} is not a rate limit such as '3 per 15 minutes'")
    for name in ("OTP_MAX_ATTEMPTS", "SMS_GATEWAY_ATTEMPTS", "SMS_DAILY_BUDGET", "PURGE_BATCH_SIZE"):
        if config.get(name, 1) < 1:
            problems.append(f"{name} must be more than 0")
    if config.get("METRICS_TOKEN") and len(config["METRICS_TOKEN"]) < MIN_SECRET_LENGTH:
        problems.append(f"METRICS_TOKEN must be at least {MIN_SECRET_LENGTH} random characters (or unset: no /metrics)")
    if config.get("LOG_FORMAT", "json") not in ("json", "text"):
        problems.append("LOG_FORMAT must be json or text")
    if config.get("PAR_TTL_SECONDS", 0) >= 600:
        problems.append("PAR_TTL_SECONDS must be under 600 (RFC 9126 §2.2, FAPI 2.0 5.3.2.2-12)")
    if config.get("KEY_ROLLOVER_SECONDS", JWKS_MAX_AGE_SECONDS) < JWKS_MAX_AGE_SECONDS:
        problems.append(f"KEY_ROLLOVER_SECONDS must be at least {JWKS_MAX_AGE_SECONDS}, how long the JWKS is cached")
    if not 0 <= config.get("KEYS_CACHE_SECONDS", 0) <= 60:
        problems.append("KEYS_CACHE_SECONDS must be between 0 and 60 (a revocation reaches every worker that late)")
    if not 0 <= config.get("CLIENTS_CACHE_SECONDS", 0) <= 60:
        problems.append(
            "CLIENTS_CACHE_SECONDS must be between 0 and 60 (a disabled client is refused everywhere that late)"
        )
    if config.get("KEY_RETIREMENT_GRACE_SECONDS", 0) < config.get("ID_TOKEN_TTL_SECONDS", 0):
        problems.append("KEY_RETIREMENT_GRACE_SECONDS must be at least ID_TOKEN_TTL_SECONDS (hints must verify)")
    return problems
