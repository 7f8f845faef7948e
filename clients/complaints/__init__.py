"""Jaklapor: citizens report problems in the city without revealing who they are.

Requests the `openid` scope only, and is registered as a protected service, so
JAKI ID would release nothing more even if it asked. A report is stored under the pairwise `sub`
alone, so the agency handling it cannot learn the reporter's name or phone,
nor link the reporter to their identity in any other service.
"""

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .english import ENGLISH
from .models import db
from .views import bp

SERVICE = Service(
    name="complaints",
    title="Jaklapor",
    agency="Pengaduan Warga Jakarta",
    sector="jaklapor.jakarta.go.id",
    scopes=("openid",),
    protected=True,
)


def create_app(config=None):
    return create_service_app(SERVICE, db=db, blueprint=bp, config=config, english=ENGLISH)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
