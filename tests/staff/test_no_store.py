"""Staff pages are never cached (issue 8, finding 15: one shared helper, idp/web/headers.py)."""

from tests.staff.conftest import staff_sign_in


def test_finding_15_staff_pages_stay_no_store(http, make_staff):
    staff_sign_in(http, make_staff())
    assert http.get("/staff/").headers["Cache-Control"] == "no-store"
    assert http.get("/staff/signin").headers["Cache-Control"] == "no-store"
