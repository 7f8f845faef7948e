"""The citizen's own pages: profile, sessions, services they allowed, their data."""

from functools import wraps

from flask import Blueprint, g, redirect, request, url_for

from idp.interaction import transaction
from idp.services.browser_sessions import current_session
from idp.web.csrf import protect
from idp.web.headers import no_store
from idp.web.i18n import pick_locale
from idp.web.parameters import reject_control_characters
from idp.web.sign_in_limit import count_sign_in_start

bp = Blueprint("account", __name__, url_prefix="/account")
bp.before_request(reject_control_characters)
bp.before_request(protect)
bp.after_request(no_store)


@bp.before_request
def choose_language():
    g.locale = pick_locale(request.args.get("ui_locales"))


def citizen_required(view):
    """Run the view with `g.citizen`; send a signed-out browser to sign in first."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        browser_session = current_session()
        if browser_session is None:
            # Sign in first, then come back here: the way back is kept on the server.
            count_sign_in_start()  # a browser without cookies gets a new row every time
            interaction = transaction.start_local(return_to=request.path)
            return redirect(url_for("signin.phone", interaction=interaction.id))
        g.citizen = browser_session.citizen
        return view(*args, **kwargs)

    return wrapper


from idp.account import (  # noqa: E402,F401  (registers the views)
    activity,
    address_page,
    closure,
    consent_history,
    data,
    devices,
    phone,
    profile,
    services,
    two_factor,
)
