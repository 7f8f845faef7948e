"""Extension singletons, bound to the app in create_app()."""

from authlib.integrations.flask_oauth2 import AuthorizationServer
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
# Grants and endpoints are registered in idp.oauth_server.init_oauth().
authorization = AuthorizationServer()
