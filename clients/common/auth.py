"""Sign-in, callback and sign-out pages, the same for every service."""

from flask import Blueprint, current_app, redirect, render_template, request

from . import oidc
from .signin import current_sign_in, forget_sign_in, remember_sign_in

bp = Blueprint(
    "auth",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/common-static",
)

HTTP_STATUS_BY_ERROR = {
    "access_denied": 403,
    "unmet_authentication_requirements": 403,
    "provider_unreachable": 502,
}


def safe_next_path(value):
    """Only paths on this service: an open redirect would turn sign-in into phishing."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@bp.get("/login")
def login():
    return oidc.begin_sign_in(current_app.config["SERVICE"], next_path=safe_next_path(request.args.get("next")))


@bp.get("/auth/callback")
def callback():
    sign_in, next_path = oidc.finish_sign_in()
    remember_sign_in(sign_in)
    return redirect(safe_next_path(next_path))


@bp.post("/logout")
def logout():
    sign_in = current_sign_in()
    forget_sign_in()
    if sign_in is not None:
        try:
            response = oidc.begin_sign_out(sign_in)
        except oidc.SignInFailed:
            response = None  # signed out here; the provider could not be told
        if response is not None:
            return response
    return render_template("common/signed_out.html", provider_signed_out=False)


@bp.get("/signed-out")
def signed_out():
    return render_template("common/signed_out.html", provider_signed_out=oidc.sign_out_confirmed())


@bp.app_errorhandler(oidc.SignInFailed)
def sign_in_failed(failure):
    status = HTTP_STATUS_BY_ERROR.get(failure.error, 400)
    return render_template("common/sign_in_error.html", failure=failure), status
