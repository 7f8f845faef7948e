"""Reports already in the queue, from reporters known only by their pairwise `sub`."""

from sqlalchemy import select

from .models import Report, db

DEMO_REPORTS = (
    (
        "demo-reporter-1",
        "Jalan rusak",
        "Jl. Kramat Raya dekat halte Senen",
        "Lubang besar di lajur kiri, berbahaya untuk pengendara motor.",
        "Ditindaklanjuti",
    ),
    (
        "demo-reporter-2",
        "Banjir atau genangan",
        "Jl. Kemang Raya, Mampang Prapatan",
        "Genangan setinggi 30 cm setiap hujan deras.",
        "Diterima",
    ),
    (
        "demo-reporter-3",
        "Lampu jalan mati",
        "Jl. Pemuda, Rawamangun",
        "Tiga lampu jalan mati di depan sekolah.",
        "Selesai",
    ),
)


def create_demo_data():
    if db.session.scalar(select(Report.id).limit(1)) is not None:
        return
    for sub, category, location, description, status in DEMO_REPORTS:
        db.session.add(
            Report(reporter_sub=sub, category=category, location=location, description=description, status=status)
        )
    db.session.commit()
