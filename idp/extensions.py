"""Extension singletons, bound to the app in create_app()."""

from authlib.integrations.flask_oauth2 import AuthorizationServer
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
babel = Babel()
# Storage from RATELIMIT_STORAGE_URI: memory:// in development, Redis in production.
limiter = Limiter(key_func=get_remote_address, strategy="moving-window")
# Grants and endpoints are registered in idp.oauth_server.init_oauth().
authorization = AuthorizationServer()
