"""Demo taxpayers with vehicles, properties and bills.

Sign up at JAKI ID as "Budi Santoso", born 1985-04-12, to see the first one.
"""

from datetime import date

from sqlalchemy import select

from .models import LAND_AND_BUILDING_TAX as PBB
from .models import MOTOR_VEHICLE_TAX as PKB
from .models import Bill, TaxObject, Taxpayer, db, name_key

# nik, name, birthdate, [(kind, reference, description, [(year, amount, due date, paid)])]
DEMO_TAXPAYERS = (
    (
        "3171011204850001",
        "Budi Santoso",
        date(1985, 4, 12),
        [
            (
                PKB,
                "B 1234 KJT",
                "Honda Vario 125, 2021, hitam",
                [
                    (2025, 412_000, date(2025, 6, 30), True),
                    (2026, 405_000, date(2026, 6, 30), False),
                ],
            ),
            (
                PBB,
                "31.71.060.001.002-0123.0",
                "Rumah, Jl. Cikini Raya No. 10, Menteng; tanah 120 m², bangunan 90 m²",
                [
                    (2026, 1_845_000, date(2026, 8, 31), False),
                ],
            ),
        ],
    ),
    (
        "3174055708900002",
        "Siti Rahayu",
        date(1990, 8, 17),
        [
            (
                PKB,
                "B 2345 SRY",
                "Toyota Avanza, 2019, putih",
                [
                    (2026, 3_120_000, date(2026, 3, 31), True),
                ],
            ),
        ],
    ),
)


def create_demo_data():
    if db.session.scalar(select(Taxpayer.id).limit(1)) is not None:
        return
    for nik, name, birthdate, tax_objects in DEMO_TAXPAYERS:
        taxpayer = Taxpayer(nik=nik, name=name, name_key=name_key(name), birthdate=birthdate)
        db.session.add(taxpayer)
        for kind, reference, description, bills in tax_objects:
            tax_object = TaxObject(taxpayer=taxpayer, kind=kind, reference=reference, description=description)
            db.session.add(tax_object)
            for year, amount, due_date, paid in bills:
                tax_object.bills.append(
                    Bill(
                        year=year,
                        amount_rupiah=amount,
                        due_date=due_date,
                        payment_code=f"{kind}{year}{nik[-6:]}{len(tax_object.bills) + 1:02d}",
                        paid_at=due_date if paid else None,
                    )
                )
    db.session.commit()
