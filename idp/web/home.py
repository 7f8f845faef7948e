"""The provider's own front page: who is signed in, and a way to sign out."""

from flask import Blueprint, render_template

from idp.services.browser_sessions import current_session
from idp.web.headers import no_store

bp = Blueprint("home", __name__)
bp.after_request(no_store)  # it shows the signed-in citizen's phone number


@bp.route("/")
def index():
    return render_template("home.html", session=current_session())
