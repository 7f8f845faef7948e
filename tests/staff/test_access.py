"""`staff_required(role)`, tried on a blueprint that exists only in this test."""

import pytest
from flask import Blueprint, g

from idp import create_app
from idp.extensions import db
from idp.models import AuditChainHead
from idp.models.audit import GENESIS_HASH
from idp.staff import staff_required
from tests.conftest import BrowserClient, Config
from tests.staff.conftest import staff_sign_in

gated = Blueprint("gated_for_test", __name__)


@gated.route("/test/any-staff")
@staff_required()
def any_staff():
    return f"hello {g.staff_member.username}"


@gated.route("/test/auditors-only")
@staff_required(role="auditor")
def auditors_only():
    return "audit trail"


@pytest.fixture
def gated_app(app):
    """An app of its own: blueprints cannot be added to one that has served requests."""
    test_app = create_app(Config)
    test_app.register_blueprint(gated)
    test_app.test_client_class = BrowserClient
    test_app.config.update({key: app.config[key] for key in app.config if key.startswith("STAFF_ARGON2_")})
    with test_app.app_context():
        db.create_all()  # its own in-memory SQLite; on PostgreSQL the tables are already there
        if db.session.get(AuditChainHead, 1) is None:  # made by the migration, not by create_all
            db.session.add(AuditChainHead(id=1, seq=0, hash=GENESIS_HASH))
            db.session.commit()
        yield test_app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def http(gated_app):
    return gated_app.test_client()


def test_nobody_signed_in_is_sent_to_staff_sign_in(http):
    assert http.get("/test/any-staff").location == "/staff/signin"


def test_any_role_passes_when_none_is_required(http, make_staff):
    staff_sign_in(http, make_staff(username="ani", role="operator"))
    assert http.get("/test/any-staff").get_data(as_text=True) == "hello ani"


def test_the_required_role_passes(http, make_staff):
    staff_sign_in(http, make_staff(role="auditor"))
    assert http.get("/test/auditors-only").get_data(as_text=True) == "audit trail"


def test_another_role_is_refused(http, make_staff):
    staff_sign_in(http, make_staff(role="operator"))
    response = http.get("/test/auditors-only?ui_locales=en")
    assert response.status_code == 403
    assert "Your staff role does not give access to this page." in response.get_data(as_text=True)
