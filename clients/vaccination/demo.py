"""Demo vaccination sites, each with the details citizens need to find it, and slots."""

from datetime import date, time, timedelta

from sqlalchemy import select

from .models import Site, Slot, db

# name, street address, kelurahan and kecamatan, city, postal code, phone, latitude, longitude
DEMO_SITES = (
    (
        "Puskesmas Kecamatan Menteng",
        "Jl. Pegangsaan Barat No. 14",
        "Kel. Pegangsaan, Kec. Menteng",
        "Jakarta Pusat",
        "10320",
        "(021) 3190 1001",
        -6.200812,
        106.842163,
    ),
    (
        "Puskesmas Kecamatan Tanah Abang",
        "Jl. K.H. Mas Mansyur No. 30",
        "Kel. Kebon Kacang, Kec. Tanah Abang",
        "Jakarta Pusat",
        "10240",
        "(021) 3190 1002",
        -6.193524,
        106.816391,
    ),
    (
        "Puskesmas Kecamatan Kebayoran Baru",
        "Jl. Sisingamangaraja No. 2",
        "Kel. Selong, Kec. Kebayoran Baru",
        "Jakarta Selatan",
        "12110",
        "(021) 3190 1003",
        -6.236970,
        106.798802,
    ),
    (
        "Puskesmas Kecamatan Cakung",
        "Jl. Raya Bekasi Km. 17 No. 1",
        "Kel. Jatinegara, Kec. Cakung",
        "Jakarta Timur",
        "13930",
        "(021) 3190 1004",
        -6.182154,
        106.935410,
    ),
)
SLOT_DAYS = 7
SLOT_TIMES = (time(8, 0), time(10, 0), time(13, 0))
SLOT_CAPACITY = 20


def create_demo_data(today=None):
    if db.session.scalar(select(Site.id).limit(1)) is not None:
        return
    first_day = (today or date.today()) + timedelta(days=1)
    for name, street, district, city, postal_code, phone, latitude, longitude in DEMO_SITES:
        site = Site(
            name=name,
            street_address=street,
            district=district,
            city=city,
            postal_code=postal_code,
            phone=phone,
            latitude=latitude,
            longitude=longitude,
        )
        db.session.add(site)
        for offset in range(SLOT_DAYS):
            for starts_at in SLOT_TIMES:
                db.session.add(
                    Slot(site=site, day=first_day + timedelta(days=offset), starts_at=starts_at, capacity=SLOT_CAPACITY)
                )
    db.session.commit()
