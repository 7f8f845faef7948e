"""Vaksinasi: citizens book a vaccination slot at a site they can find.

Requests `openid profile phone`, and `nik` once JAKI ID offers it (the certificate
needs it). Eligibility and the earliest date a citizen may book come from the date
of birth JAKI ID sends; every site lists its full street address, phone number and
map coordinates, because citizens went to the wrong site when these were missing.
"""

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .english import ENGLISH
from .models import db
from .views import bp

SERVICE = Service(
    name="vaccination",
    title="Vaksinasi",
    agency="Dinas Kesehatan DKI Jakarta",
    sector="vaksinasi.jakarta.go.id",
    scopes=("openid", "profile", "phone"),
    scopes_when_offered=("nik",),
    purposes={
        "profile": "Untuk memeriksa usia Anda memenuhi syarat vaksinasi",
        "phone": "Untuk mengirim pengingat jadwal vaksinasi",
        "nik": "Untuk mencatat vaksinasi Anda di sertifikat vaksin nasional (SATUSEHAT)",
        "profile:en": "To check that your age makes you eligible for vaccination",
        "phone:en": "To send you reminders of your vaccination appointment",
        "nik:en": "To record your vaccination on the national vaccine certificate (SATUSEHAT)",
    },
)


def create_app(config=None):
    return create_service_app(SERVICE, db=db, blueprint=bp, config=config, english=ENGLISH)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
