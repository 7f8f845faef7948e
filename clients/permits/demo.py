"""The permits the demo office issues."""

from .models import PermitType, db

DEMO_PERMIT_TYPES = (
    ("NIB", "Nomor Induk Berusaha (NIB)", "Identitas pelaku usaha untuk usaha mikro dan kecil.", 1),
    ("IUMK", "Izin Usaha Mikro Kecil (IUMK)", "Izin untuk usaha rumahan, warung dan pedagang kecil.", 3),
    ("SIUP-RESTO", "Izin Usaha Restoran", "Izin usaha rumah makan, kafe dan restoran.", 7),
    (
        "PBG",
        "Persetujuan Bangunan Gedung (PBG)",
        "Persetujuan untuk membangun, mengubah atau merawat bangunan usaha.",
        14,
    ),
)


def create_demo_data():
    for code, name, description, processing_days in DEMO_PERMIT_TYPES:
        if db.session.get(PermitType, code) is None:
            db.session.add(PermitType(code=code, name=name, description=description, processing_days=processing_days))
    db.session.commit()
