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

from idp.clock import now
from idp.security import decrypt_at_rest, encrypt_at_rest

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


def matching_step(secret: str, code: str) -> int | None:
    """The time step whose code is `code`, looking one step either side of now."""
    code = (code or "").strip().replace(" ", "")
    if not (len(code) == 6 and code.isdigit()):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
