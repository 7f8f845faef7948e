"""Perizinan: citizens apply for business permits, pre-filled from JAKI ID.

Requests `openid profile phone`, and `address` once JAKI ID offers it.
Applications are stored in this service's own database under the pairwise `sub`.
"""

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .models import db
from .views import bp

SERVICE = Service(
    name="permits",
    title="Perizinan",
    agency="Dinas Penanaman Modal dan PTSP",
    sector="perizinan.jakarta.go.id",
    scopes=("openid", "profile", "phone"),
    scopes_when_offered=("address",),
)


def create_app(config=None):
    return create_service_app(SERVICE, db=db, blueprint=bp, config=config)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
