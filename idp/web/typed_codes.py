"""Codes typed by people: decimal digits from any keyboard become ASCII digits.

Phone keyboards and input methods type Arabic-Indic (١٢٣), Devanagari or
full-width (１２３) digits; Unicode calls all of these decimal digits (category
Nd) and each means the digit it shows. Other characters that str.isdigit()
accepts (superscripts ², circled ①) are not digits anyone types in a code, so
they stay what they are and the code is simply not valid. Comparing such text
with hmac.compare_digest would raise (it takes ASCII str only), hence: only
ASCII leaves here as a code.
"""

import unicodedata

ASCII_DIGITS = frozenset("0123456789")


def ascii_digits(text: str) -> str:
    """Every decimal digit as its ASCII digit; every other character unchanged."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def digits_code(typed: str | None, length: int = 6) -> str | None:
    """The `length` ASCII digits of a typed code (spaces anywhere ignored), or None if it is not one."""
    code = "".join(ascii_digits(typed or "").split())
    return code if len(code) == length and set(code) <= ASCII_DIGITS else None
