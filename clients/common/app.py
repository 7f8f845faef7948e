"""The app factory every service goes through: config, session cookie, sign-in."""

from flask import Flask

from . import backchannel, csrf, encryption, fapi, language
from .auth import bp as auth_bp
from .oidc import register_provider
from .settings import config_from_environment
from .signin import current_sign_in


def create_service_app(service, *, db, blueprint, config=None, english=None):
    app = Flask(f"clients.{service.name}", instance_relative_config=True)
    app.config.update(config_from_environment(service))
    app.config.update(config or {})
    app.config.update(
        SERVICE=service,
        SERVICE_ENGLISH=english or {},  # its pages' English, by their Indonesian (language.py)
        SESSION_COOKIE_NAME=service.session_cookie_name,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["SERVICE_URL"].startswith("https://"),
    )
    db.init_app(app)
    register_provider(app)
    fapi.init_app(app)
    encryption.init_app(app)
    csrf.init_app(app)
    backchannel.init_app(app, db)
    language.init_app(app)
    app.register_blueprint(auth_bp)
    app.register_blueprint(blueprint)

    @app.context_processor
    def page_context():
        return {"service": service, "sign_in": current_sign_in()}

    return app
