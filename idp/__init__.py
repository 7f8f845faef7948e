"""JAKI ID: the OpenID Provider for the citizens of Jakarta."""

from flask import Flask

from config import Config, check_dev_outbox, check_production_safety


def create_app(config_object=Config) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_object)
    check_production_safety(app.config)
    check_dev_outbox(app.config)

    from idp import models  # noqa: F401  (tables known to SQLAlchemy and Alembic)
    from idp.audit.log import init_audit_log
    from idp.backchannel import courier as logout_courier
    from idp.cli import register_cli
    from idp.extensions import babel, db, limiter, migrate
    from idp.grants.server import init_oauth
    from idp.interaction import expired
    from idp.operations import request_log
    from idp.operations.database import configure_engine
    from idp.operations.logs import configure_logging
    from idp.services.browser_sessions import write_session_cookie
    from idp.web import language
    from idp.web.csrf import csrf_token
    from idp.web.errors import register_error_handlers
    from idp.web.headers import add_security_headers
    from idp.web.i18n import current_locale, gettext
    from idp.web.times import JAKARTA_TIMEZONE, jakarta_date, jakarta_time, long_date

    configure_logging(app)
    request_log.register(app)  # first: every later hook and log line has the request id
    db.init_app(app)
    configure_engine(app)
    init_audit_log()
    babel.init_app(
        app,
        locale_selector=current_locale,
        default_locale="id",
        default_translation_directories="translations",
        default_timezone=JAKARTA_TIMEZONE,  # times are shown in WIB (idp/web/times.py)
    )
    limiter.init_app(app)
    # Every limit is counted where its event happens (idp/web/ratelimit.py), none per route,
    # so Flask-Limiter's check before each request has nothing to count; it cost a sixth
    # of serving the JWKS.
    checks = app.before_request_funcs.get(None, [])
    if limiter._check_request_limit in checks:  # not added when RATELIMIT_ENABLED is off
        checks.remove(limiter._check_request_limit)
    if app.config["PROXY_FIX_X_FOR"]:
        # Behind the TLS-terminating load balancer: trust as many X-Forwarded-* hops as it
        # adds, so limits and logs see the citizen's IP and the request is known as https.
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Flask's documented way to add WSGI middleware; mypy sees wsgi_app only as a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app,
            x_for=app.config["PROXY_FIX_X_FOR"],
            x_proto=app.config["PROXY_FIX_X_PROTO"],
            x_host=app.config["PROXY_FIX_X_HOST"],
        )
    migrate.init_app(app, db, directory=str(_migrations_dir()))
    init_oauth(app)

    from idp.account import bp as account_bp
    from idp.oidc import bp as oidc_bp
    from idp.operations.health import bp as health_bp
    from idp.operations.metrics_endpoint import bp as metrics_bp
    from idp.signin import bp as signin_bp
    from idp.staff import bp as staff_bp
    from idp.web.home import bp as home_bp
    from idp.web.info import bp as info_bp

    app.register_blueprint(oidc_bp)
    app.register_blueprint(signin_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(info_bp)
    app.register_blueprint(staff_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(health_bp)
    app.register_blueprint(metrics_bp)
    if app.config["SMS_BACKEND"] == "outbox" and app.config["DEV_OUTBOX_ENABLED"]:
        from idp.phone_otp.dev_outbox import bp as outbox_bp

        app.register_blueprint(outbox_bp)

    app.jinja_env.globals.update(
        _=gettext, csrf_token=csrf_token, current_locale=current_locale, language_switch_url=language.switch_url
    )
    app.before_request(language.remember_choice)
    app.jinja_env.filters.update(jakarta_time=jakarta_time, jakarta_date=jakarta_date, long_date=long_date)
    app.after_request(write_session_cookie)
    app.after_request(add_security_headers)
    logout_courier.init_app(app)
    register_error_handlers(app)
    expired.register(app)
    register_cli(app)
    return app


def _migrations_dir():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "migrations"
