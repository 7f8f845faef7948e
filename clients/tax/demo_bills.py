"""A demo bill for every citizen: whoever signs in to the demo finds a vehicle and an unpaid bill.

The real tax office finds only its own taxpayers. In the demo, a citizen it does not know
gets a made-up taxpayer record of their own, keyed by the pairwise `sub` this service
received (never by name, so two citizens of the same name and birth date never see each
other's bills), with one motorcycle and its unpaid 2026 motor-vehicle tax.
"""

import hashlib
from datetime import date

from sqlalchemy import select

from clients.common.claims import parse_birthdate

from .models import MOTOR_VEHICLE_TAX, Bill, TaxObject, Taxpayer, db

DEMO_NIK_PREFIX = "99"  # no real NIK starts with 99 (no province code 99)
DEMO_NAME_KEY_PREFIX = "demo:"  # never matches a name looked up by lookup.py
PLATE_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
DEMO_AMOUNT_RUPIAH = 285_000
DEMO_DUE_DATE = date(2026, 12, 31)


def _digest(sub: str) -> str:
    return hashlib.sha256(sub.encode()).hexdigest()


def demo_nik(sub: str) -> str:
    return DEMO_NIK_PREFIX + str(int(_digest(sub), 16))[:14]


def _plate(sub: str) -> str:
    number = int(_digest(sub)[:8], 16)
    letters = "".join(PLATE_LETTERS[(number >> (5 * i)) % len(PLATE_LETTERS)] for i in range(3))
    return f"B {1000 + number % 9000} {letters}"


def demo_taxpayer(sign_in) -> Taxpayer:
    """This citizen's demo record, made the first time they come."""
    nik = demo_nik(sign_in.sub)
    taxpayer = db.session.scalar(select(Taxpayer).where(Taxpayer.nik == nik))
    if taxpayer is not None:
        return taxpayer
    name = sign_in.claim("name") or "Warga JAKI"
    taxpayer = Taxpayer(
        nik=nik,
        name=name,
        name_key=DEMO_NAME_KEY_PREFIX + nik,
        birthdate=parse_birthdate(sign_in.claim("birthdate")) or date(1990, 1, 1),
    )
    motorcycle = TaxObject(
        taxpayer=taxpayer, kind=MOTOR_VEHICLE_TAX, reference=_plate(sign_in.sub), description="Honda Beat, 2022, merah"
    )
    motorcycle.bills.append(
        Bill(
            year=2026,
            amount_rupiah=DEMO_AMOUNT_RUPIAH,
            due_date=DEMO_DUE_DATE,
            payment_code=f"{MOTOR_VEHICLE_TAX}2026{nik[-8:]}01",
        )
    )
    db.session.add(taxpayer)
    db.session.commit()
    return taxpayer
