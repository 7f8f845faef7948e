"""A Jakarta address, and the OIDC address claim made from it (OIDC Core 5.1.1).

Stored as the citizen's `address` (a JSON object of the fields below). The claim has the
standard members, with the RT/RW, kelurahan and kecamatan inside `street_address` as
Indonesians write them, and also as members of their own so a service need not parse them.
"""

import re
from dataclasses import dataclass

from idp.web.i18n import N_

FIELDS = ("street", "rt", "rw", "kelurahan", "kecamatan", "city", "province", "postal_code")
REQUIRED = ("street", "rt", "rw", "kelurahan", "kecamatan", "city", "province", "postal_code")
MAX_LENGTH = {"street": 200, "kelurahan": 100, "kecamatan": 100, "city": 100, "province": 100}
NEIGHBOURHOOD = re.compile(r"[0-9]{1,3}")  # RT and RW numbers: 001 to 999
POSTAL_CODE = re.compile(r"[1-9][0-9]{4}")  # five digits (Pos Indonesia)


@dataclass(frozen=True)
class AddressProblem:
    field: str
    message: str  # English msgid


def clean(form: dict[str, str]) -> tuple[dict[str, str], list[AddressProblem]]:
    """The address typed in the account page, tidied, and what is wrong with it."""
    values = {name: " ".join((form.get(name) or "").split()) for name in FIELDS}
    problems = [AddressProblem(name, N_("Fill this in.")) for name in REQUIRED if not values[name]]
    for name, limit in MAX_LENGTH.items():
        if len(values[name]) > limit:
            problems.append(AddressProblem(name, N_("This is too long.")))
    for name in ("rt", "rw"):
        if values[name] and not NEIGHBOURHOOD.fullmatch(values[name]):
            problems.append(AddressProblem(name, N_("Write the number, for example 003.")))
        elif values[name]:
            values[name] = values[name].zfill(3)
    if values["postal_code"] and not POSTAL_CODE.fullmatch(values["postal_code"]):
        problems.append(AddressProblem("postal_code", N_("A postal code has five digits.")))
    return values, problems


def claim(address: dict | None) -> dict | None:
    """The OIDC `address` claim, or None when the citizen has not given one."""
    if not address:
        return None
    neighbourhood = f"RT {address['rt']}/RW {address['rw']}"
    street_lines = [address["street"], neighbourhood, f"Kel. {address['kelurahan']}", f"Kec. {address['kecamatan']}"]
    return {
        "formatted": "\n".join(
            street_lines + [address["city"], f"{address['province']} {address['postal_code']}", "Indonesia"]
        ),
        "street_address": "\n".join(street_lines),
        "locality": address["city"],
        "region": address["province"],
        "postal_code": address["postal_code"],
        "country": "Indonesia",
        # Structured for Jakarta, beyond the standard members.
        "rt": address["rt"],
        "rw": address["rw"],
        "kelurahan": address["kelurahan"],
        "kecamatan": address["kecamatan"],
    }
