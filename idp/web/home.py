"""The provider's own front page: who is signed in, and a way to sign out."""

from flask import Blueprint, redirect, render_template, url_for

from idp.services.browser_sessions import current_session
from idp.web import after_post
from idp.web.headers import no_store

bp = Blueprint("home", __name__)
bp.after_request(no_store)  # it shows the signed-in citizen's phone number


@bp.route("/")
def index():
    return render_template("home.html", session=current_session())


@bp.route("/problem")
def problem():
    """What a form post could not do, shown by GET (idp/web/errors.py), with the post's status."""
    kept, status, headers = after_post.shown()
    if not kept:  # shown already, or too old: nothing to repeat, the front page is a way on
        return redirect(url_for(".index"), code=303)
    return render_template("error.html", title=kept["title"], detail=kept["detail"]), status, headers
