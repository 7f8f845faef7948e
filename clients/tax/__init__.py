"""Jakpenda: motor-vehicle tax (PKB) and land and building tax (PBB).

Requests `openid profile`, and `nik` once JAKI ID offers it, to find the
citizen's tax objects in its own records. Viewing or paying a bill asks JAKI ID
for a higher assurance level through `acr_values` (step-up). Registered with the
FAPI 2.0 profile, it signs in through PAR, private_key_jwt and DPoP (common/fapi.py).
"""

import os

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .english import ENGLISH
from .models import db
from .stepup import DEFAULT_STEP_UP_ACR, DEFAULT_STEP_UP_MAX_AGE_SECONDS
from .views import bp

SERVICE = Service(
    name="tax",
    title="Pajak Daerah",
    agency="Bapenda DKI Jakarta",
    sector="pajak.jakarta.go.id",
    scopes=("openid", "profile"),
    scopes_when_offered=("nik",),
    fapi2=True,  # bills and payments: the FAPI 2.0 profile (PAR, DPoP, private_key_jwt)
    purposes={
        "profile": "Untuk menampilkan nama wajib pajak",
        "nik": "Untuk mencari objek pajak yang terdaftar atas NIK Anda",
        "profile:en": "To show the taxpayer's name",
        "nik:en": "To find the tax objects registered under your NIK",
    },
)


def create_app(config=None):
    step_up = {
        "STEP_UP_ACR": os.environ.get("TAX_STEP_UP_ACR", DEFAULT_STEP_UP_ACR),
        "STEP_UP_MAX_AGE_SECONDS": int(os.environ.get("TAX_STEP_UP_MAX_AGE_SECONDS", DEFAULT_STEP_UP_MAX_AGE_SECONDS)),
    }
    return create_service_app(SERVICE, db=db, blueprint=bp, config=step_up | (config or {}), english=ENGLISH)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
