"""Vaksinasi: citizens book a vaccination slot at a site they can find.

Requests `openid profile phone`. Eligibility and the earliest date a citizen
may book come from the date of birth JAKI ID sends; every site lists its full
street address, phone number and map coordinates, because citizens went to the
wrong site when these were missing.
"""

from clients.common import Service, create_service_app

from .demo import create_demo_data
from .models import db
from .views import bp

SERVICE = Service(
    name="vaccination",
    title="Vaksinasi",
    agency="Dinas Kesehatan DKI Jakarta",
    sector="vaksinasi.jakarta.go.id",
    scopes=("openid", "profile", "phone"),
)


def create_app(config=None):
    return create_service_app(SERVICE, db=db, blueprint=bp, config=config)


__all__ = ["SERVICE", "create_app", "create_demo_data", "db"]
