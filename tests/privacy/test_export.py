"""The data export (UU PDP 27/2022 art. 7, the right to obtain one's data): complete, and no secrets."""

from sqlalchemy import select

from idp.clock import now
from idp.extensions import db
from idp.models import Citizen
from tests.oidc.flows import tokens_for, userinfo

# Every table with a row per citizen, and where the export shows it. Codes and paused
# sign-ins live for minutes and hold nothing the other sections do not.
EXPORTED_AS = {
    "citizen": "profile",
    "consent": "consents",
    "browser_session": "sessions",
    "token": "access_grants",
    "disclosure": "disclosures",
    "recovery_code": "authenticator",
    "authorization_code": None,
    "audit_pseudonym": None,  # the audit log's stand-in for the citizen: their activity is at /account/activity
    "interaction": None,
}


def export(http) -> dict:
    return http.get("/account/data.json").get_json()


def test_every_table_about_a_citizen_is_in_the_export_or_said_why_not():
    about_citizens = {table.name for table in db.metadata.sorted_tables if "citizen_id" in table.columns}

    assert about_citizens | {"citizen"} == set(EXPORTED_AS)


def test_the_export_lists_each_disclosure_by_claim_name(http, client):
    tokens = tokens_for(http, client)
    released = userinfo(http, tokens["access_token"]).get_json()

    data = export(http)

    [from_userinfo, from_id_token] = data["disclosures"]
    assert from_userinfo["service"] == client.name
    assert (from_userinfo["endpoint"], from_userinfo["claims"]) == ("userinfo", sorted(released))
    assert (from_id_token["endpoint"], from_id_token["claims"]) == ("id_token", ["acr", "amr", "sub"])


def test_the_export_says_whether_an_authenticator_is_set_up_without_its_secret(http, client, clock):
    tokens_for(http, client)
    assert export(http)["authenticator"] == {"enabled": False, "enabled_at": None, "recovery_codes_left": 0}
    citizen = db.session.scalar(select(Citizen))
    citizen.totp_secret_encrypted = b"sealed secret"
    citizen.totp_enabled_at = now()
    db.session.commit()

    data = export(http)

    assert data["authenticator"]["enabled"] is True
    assert data["authenticator"]["enabled_at"] == now().isoformat()
    assert "sealed secret" not in http.get("/account/data.json").get_data(as_text=True)


def test_every_section_is_present_for_a_new_citizen(http, client):
    tokens_for(http, client)

    assert set(export(http)) >= {v for v in EXPORTED_AS.values() if v}
