"""Help and privacy: two pages every other page links to, in the citizen's language.

The help desk's contact (SUPPORT_EMAIL, SUPPORT_PHONE) is configured per deployment;
production refuses the development placeholders (config.py).
"""

from flask import Blueprint, current_app, render_template

bp = Blueprint("info", __name__)


def support() -> dict[str, str]:
    config = current_app.config
    return {"email": config["SUPPORT_EMAIL"], "phone": config["SUPPORT_PHONE"]}


@bp.route("/help")
def help_page():
    return render_template("info/help.html", support=support())


@bp.route("/privacy")
def privacy():
    return render_template("info/privacy.html", support=support())
