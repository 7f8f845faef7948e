"""`staff_required`: the gate in front of every staff page."""

from functools import wraps

from flask import g, redirect, url_for

from idp.staff.staff_sessions import current_staff
from idp.web.errors import PageError
from idp.web.i18n import N_


def staff_required(role: str | None = None):
    """Only a signed-in staff member (of `role`, if given) gets past; others go to staff sign-in.

    A citizen's session counts for nothing here: only the staff cookie is read.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            staff = current_staff()
            if staff is None:
                return redirect(url_for("staff.signin"))
            if role is not None and staff.role != role:
                raise PageError("Not allowed", N_("Your staff role does not give access to this page."), 403)
            g.staff_member = staff
            return view(*args, **kwargs)

        return wrapper

    return decorator
