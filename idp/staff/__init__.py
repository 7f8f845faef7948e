"""Staff (operators, auditors): sign-in with password and TOTP, apart from citizens.

Later operator and auditor pages guard themselves with `staff_required(role)`.
"""

from flask import Blueprint

from idp.staff.access import staff_required
from idp.staff.staff_sessions import write_staff_cookie
from idp.web.csrf import protect
from idp.web.headers import no_store
from idp.web.parameters import reject_control_characters

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(reject_control_characters)
bp.before_request(protect)
bp.after_request(write_staff_cookie)
bp.after_request(no_store)  # staff pages show who is signed in


from idp.staff import audit_consents, audit_console, console, home, signin  # noqa: E402,F401  (registers the views)

__all__ = ["bp", "staff_required"]
