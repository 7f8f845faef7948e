"""The registration and staff fixtures, here too."""

from tests.registration.conftest import agency, agency_token  # noqa: F401
from tests.staff.conftest import make_staff, quick_argon2  # noqa: F401
