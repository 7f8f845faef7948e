"""TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps, one step of clock drift.

Secrets are encrypted at rest with the key-encryption key. Callers record the
accepted time step, so each code works once (RFC 6238 §5.2).
"""

import base64
import hmac
import io

import pyotp
import qrcode
import qrcode.image.svg
from sqlalchemy import or_, update

from idp.clock import now
from idp.extensions import db, rows_changed
from idp.security import decrypt_at_rest, encrypt_at_rest
from idp.web.typed_codes import digits_code

DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, the size RFC 4226 §4 recommends


def encrypt(secret: str) -> bytes:
    return encrypt_at_rest(secret.encode())


def decrypt(encrypted: bytes) -> str:
    return decrypt_at_rest(encrypted).decode()


def provisioning_uri(account_name: str, secret: str, issuer: str) -> str:
    """The otpauth:// URI an authenticator app imports (as text or QR code)."""
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=issuer)


def qr_data_uri(text: str) -> str:
    """An inline SVG QR code: no external service sees the secret."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def accept_once(model, row_id, secret: str, code: str, **also) -> bool:
    """True for a correct code whose time step is newer than the last one `model` row accepted.

    RFC 6238 §5.2: each step is accepted at most once, so a code seen over a
    shoulder or in a proxy log cannot be used again. Compare-and-set in one
    statement, so two requests with one code cannot both win. `also` are more
    column values to write with the step.
    """
    step = matching_step(secret, code)
    if step is None:
        return False
    won = rows_changed(
        update(model)
        .where(model.id == row_id, or_(model.totp_last_used_step.is_(None), model.totp_last_used_step < step))
        .values(totp_last_used_step=step, **also)
    )
    db.session.commit()
    return bool(won)


def matching_step(secret: str, code: str) -> int | None:
    """The time step whose code is `code`, looking one step either side of now."""
    # ASCII digits only, from whatever keyboard: str.isdigit() also passes "²²²²²²", which
    # then made compare_digest raise (it compares ASCII strings only).
    typed = digits_code(code)
    if typed is None:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), typed):
            return step
    return None
