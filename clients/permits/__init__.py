"""Perizinan: citizens apply for business permits, pre-filled from JAKI ID.

Requests `openid profile phone`, and `address` once JAKI ID offers it.
Applications are stored in this service's own database under the pairwise `sub`.
"""

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .english import ENGLISH
from .models import db
from .views import bp

SERVICE = Service(
    name="permits",
    title="Perizinan",
    agency="Dinas Penanaman Modal dan PTSP",
    sector="perizinan.jakarta.go.id",
    scopes=("openid", "profile", "phone"),
    scopes_when_offered=("address",),
    purposes={
        "profile": "Untuk mengisi nama dan tanggal lahir pemohon di formulir izin",
        "phone": "Untuk mengabari Anda lewat SMS tentang permohonan izin",
        "address": "Untuk mengisi alamat usaha dan domisili di formulir izin",
        "profile:en": "To fill in the applicant's name and date of birth on the permit form",
        "phone:en": "To text you about your permit application",
        "address:en": "To fill in your business and home address on the permit form",
    },
)


def create_app(config=None):
    return create_service_app(SERVICE, db=db, blueprint=bp, config=config, english=ENGLISH)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
