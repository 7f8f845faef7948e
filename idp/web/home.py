"""The provider's own front page: who is signed in, and a way to sign out."""

from flask import Blueprint, render_template

from idp.services.browser_sessions import current_session

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    return render_template("home.html", session=current_session())
