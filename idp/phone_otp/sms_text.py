"""The text of a code SMS: the citizen's language, the service, "never share",
and the WebOTP line (https://wicg.github.io/web-otp/) so Android fills the code in.

One SMS holds 160 GSM-7 characters; a single character outside GSM-7 turns the
whole message into UCS-2 and 70 characters. The requesting client's name is
the only text we do not write ourselves, so it is filtered and shortened to fit.
"""

import re
import textwrap
from urllib.parse import urlsplit

from flask import current_app

from idp.web.i18n import translate_to

SMS_MAX_CHARS = 160
# The GSM 03.38 basic character set (no escape characters: those count twice).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
SHORTEST_USEFUL_NAME = 3


def _compose(code: str, locale: str, service: str) -> str:
    host = urlsplit(current_app.config["ISSUER"]).hostname
    text = translate_to(
        locale,
        "{code} is your {service} code. Never share this code with anyone.",
        code=code,
        service=service,
    )
    # WebOTP: the last line is "@host #code", host being the origin that asks.
    return f"{text}\n\n@{host} #{code}"


def _fitted(name: str, room: int) -> str:
    # "JAKI ID (Pajak Daerah)": a name's own "(…)" would nest in ours, so it is left out.
    name = re.sub(r"\s*\([^()]*\)", "", name).replace("(", "").replace(")", "")
    safe = "".join(ch for ch in name if ch in GSM7_BASIC and ch not in "\r\n")
    if room < SHORTEST_USEFUL_NAME:
        return ""
    return textwrap.shorten(safe, width=room, placeholder="")


def sms_text(code: str, locale: str, client_name: str | None = None) -> str:
    """ "123456 is your JAKI ID (Perizinan) code. …", without the client if it cannot fit."""
    service = current_app.config["SERVICE_NAME"]
    plain = _compose(code, locale, service)
    if not client_name:
        return plain
    name = _fitted(client_name, SMS_MAX_CHARS - len(plain) - len(" ()"))
    if len(name) < SHORTEST_USEFUL_NAME:
        return plain
    return _compose(code, locale, f"{service} ({name})")
