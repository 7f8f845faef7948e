"""Staff authentication codes: the shared TOTP rules (idp/totp.py) applied to staff.

Each time step is accepted at most once per staff member (RFC 6238 §5.2),
so a code seen over a shoulder or in a proxy log cannot be used again.
"""

from sqlalchemy import or_, update

from idp.extensions import db
from idp.mfa import totp as shared
from idp.models import StaffMember

ISSUER = "JAKI ID Staff"

new_secret = shared.new_secret
encrypt = shared.encrypt
decrypt = shared.decrypt


def provisioning_uri(username: str, secret: str) -> str:
    return shared.provisioning_uri(username, secret, ISSUER)


def accept_code(staff: StaffMember, code: str) -> bool:
    """True once per time step for a correct code; a replayed or older code is refused."""
    step = shared.matching_step(decrypt(staff.totp_secret_encrypted), code)
    if step is None:
        return False
    # Compare-and-set in one statement, so two requests with one code cannot both win.
    won = db.session.execute(
        update(StaffMember)
        .where(
            StaffMember.id == staff.id,
            or_(StaffMember.totp_last_used_step.is_(None), StaffMember.totp_last_used_step < step),
        )
        .values(totp_last_used_step=step)
    ).rowcount
    db.session.commit()
    return bool(won)
