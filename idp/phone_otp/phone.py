"""Phone numbers: parsed with `phonenumbers`, stored in E.164, Indonesian mobiles only.

The one parser of every number a person types or a service hints (sign-in,
login_hint, the new number of a phone change). JAKI ID serves the citizens of
Jakarta: a code to any other country costs more, reaches no citizen, and is
what SMS pumping (toll fraud) lives on, so only country code 62 and the mobile
number type are accepted.
"""

import phonenumbers
from phonenumbers import PhoneNumberType

from idp.web.typed_codes import ASCII_DIGITS, ascii_digits

DEFAULT_REGION = "ID"
COUNTRY_CODE = 62
_MOBILE_TYPES = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}


class InvalidPhone(ValueError):
    """Carries a message for the citizen (an i18n key)."""


def normalize(raw: str) -> str:
    """'0812…', '+62 812…' and '62812…' (in any script's digits) all become '+62812…'."""
    text = ascii_digits((raw or "").strip())
    if not text:
        raise InvalidPhone("Enter your mobile phone number.")
    digits = "".join(ch for ch in text if ch in ASCII_DIGITS)
    # "62812…" typed without the plus is an Indonesian number in international form.
    if not text.startswith("+") and digits.startswith("62") and len(digits) >= 10:
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidPhone("That is not a valid phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("That is not a valid phone number.")
    if number.country_code != COUNTRY_CODE or phonenumbers.region_code_for_number(number) != DEFAULT_REGION:
        raise InvalidPhone("JAKI ID sends codes only to Indonesian mobile numbers (+62 8…).")
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        raise InvalidPhone("Use a mobile number that can receive SMS; landlines cannot.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask(e164: str) -> str:
    """'+6281234567890' → '+62 812-****-7890': enough to spot a typo, not to leak it."""
    number = phonenumbers.parse(e164)
    national = str(number.national_number)
    return f"+{number.country_code} {national[:3]}-****-{national[-4:]}"
