"""Staff authentication codes: the shared TOTP rules (idp/totp.py) applied to staff.

Each time step is accepted at most once per staff member (RFC 6238 §5.2),
so a code seen over a shoulder or in a proxy log cannot be used again.
"""

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
    return shared.accept_once(StaffMember, staff.id, decrypt(staff.totp_secret_encrypted), code)
