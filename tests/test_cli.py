"""`flask clients ...`: the operator's interface (flags and --json are stable)."""

import json

import pytest
from joserfc.jwk import RSAKey
from sqlalchemy import func, select

from idp.extensions import db
from idp.models import Client


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        return runner.invoke(args=list(args))

    return invoke


def json_of(result):
    """The command's JSON on stdout; a failure shows what it printed."""
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return json.loads(result.stdout)


PURPOSES = ("--purpose", "profile=To fill in your application", "--purpose", "phone=To text you about it")


def create(cli, *extra):
    """Register with the default scopes (openid profile phone) and a purpose for each."""
    purposes = () if "--scope" in extra else PURPOSES
    return cli(
        "clients", "create", "--name", "Perizinan", "--redirect-uri", "https://permits.example/cb", *purposes, *extra
    )


def client_count():
    return db.session.scalar(select(func.count()).select_from(Client))


def test_create_json_prints_the_id_and_the_secret_once(cli):
    result = create(cli, "--json")
    assert result.exit_code == 0, result.output
    data = json_of(result)
    assert data["client_id"] and len(data["client_secret"]) >= 43
    shown = json_of(cli("clients", "show", data["client_id"], "--json"))
    assert "client_secret" not in shown


def test_secret_is_stored_as_a_keyed_digest(cli):
    data = json_of(create(cli, "--json"))
    row = db.session.scalar(select(Client))
    assert data["client_secret"] not in (row.secret_digest or "")
    assert row.check_client_secret(data["client_secret"])


def test_all_options(cli, tmp_path):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [RSAKey.generate_key(2048).as_dict(private=False)]}))
    result = create(
        cli,
        "--redirect-uri",
        "http://localhost:5001/cb",
        "--post-logout-redirect-uri",
        "https://permits.example/bye",
        "--scope",
        "openid profile",
        "--purpose",
        "profile=To fill in your permit application",
        "--auth-method",
        "private_key_jwt",
        "--jwks",
        str(jwks),
        "--sector",
        "perizinan.jakarta.go.id",
        "--id-token-alg",
        "ES256",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = json_of(result)
    assert "client_secret" not in data
    assert data["redirect_uris"] == ["https://permits.example/cb", "http://localhost:5001/cb"]
    assert data["sector_identifier"] == "perizinan.jakarta.go.id"
    assert data["id_token_signed_response_alg"] == "ES256"
    assert data["purposes"] == {"profile": "To fill in your permit application"}


@pytest.mark.parametrize(
    "extra",
    [
        ("--redirect-uri", "http://permits.example/cb"),
        ("--redirect-uri", "https://permits.example/cb#frag"),
        ("--scope", "profile"),
        ("--scope", "openid email"),
        ("--auth-method", "private_key_jwt"),
        ("--auth-method", "magic"),
        ("--id-token-alg", "HS256"),
        ("--jwks", "/nonexistent.json", "--auth-method", "private_key_jwt"),
        ("--jwks-uri", "https://permits.example/jwks"),
    ],
)
def test_bad_arguments_fail_clearly_and_write_nothing(cli, extra):
    result = create(cli, *extra)
    assert result.exit_code != 0
    assert "Error" in result.output
    assert client_count() == 0


def test_private_keys_in_jwks_are_refused(cli, tmp_path):
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps({"keys": [RSAKey.generate_key(2048).as_dict(private=True)]}))
    result = create(cli, "--auth-method", "private_key_jwt", "--jwks", str(jwks))
    assert result.exit_code != 0 and "public keys only" in result.output
    assert client_count() == 0


def test_list_and_show(cli):
    data = json_of(create(cli, "--json"))
    assert data["client_id"] in cli("clients", "list").output
    assert cli("clients", "show", "nope").exit_code != 0


def test_rotate_secret_replaces_the_old_one(cli):
    data = json_of(create(cli, "--json"))
    rotated = json_of(cli("clients", "rotate-secret", data["client_id"], "--json"))
    row = db.session.scalar(select(Client))
    db.session.refresh(row)
    assert row.check_client_secret(rotated["client_secret"])
    assert not row.check_client_secret(data["client_secret"])


def test_disable_stops_the_client(cli, http):
    data = json_of(create(cli, "--json"))
    assert cli("clients", "disable", data["client_id"]).exit_code == 0
    response = http.get(
        "/authorize", query_string={"client_id": data["client_id"], "redirect_uri": "https://permits.example/cb"}
    )
    assert response.status_code == 400 and "Location" not in response.headers


def test_redirect_uris_on_several_hosts_need_a_sector(cli):
    result = create(cli, "--redirect-uri", "https://other.example/cb")
    assert result.exit_code != 0 and "--sector" in result.output
    assert client_count() == 0


def test_sector_is_fixed_at_registration(cli):
    data = json_of(create(cli, "--json"))
    assert data["sector_identifier"] == "permits.example"


def test_client_ids_never_look_like_command_line_options(cli):
    ids = [json_of(create(cli, "--json"))["client_id"] for _ in range(30)]
    assert not any(client_id.startswith("-") for client_id in ids)


def test_an_id_token_alg_whose_key_does_not_sign_yet_is_refused_with_when_it_will(cli, app):
    from idp.models import SigningKey
    from idp.protocol import keys

    db.session.execute(SigningKey.__table__.delete().where(SigningKey.alg == "PS256"))
    db.session.commit()
    app.extensions.pop(keys.READY, None)
    keys.ensure_keys()  # a new release adds PS256: published, signs after the rollover
    result = create(cli, "--id-token-alg", "PS256")
    assert result.exit_code != 0
    assert "PS256 does not sign yet (its key signs from" in result.output


def test_each_scope_is_registered_with_its_purpose(cli):
    data = json_of(create(cli, "--json"))
    assert data["purposes"] == {"profile": "To fill in your application", "phone": "To text you about it"}
    assert data["purpose_version"] == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--scope", "openid profile phone", "--purpose", "profile=Why"), '--purpose phone="'),
        (("--scope", "openid profile", "--purpose", "profile"), 'scope="text"'),
        (("--scope", "openid profile", "--purpose", "profile=Why", "--purpose", "nik=Why"), "'nik'"),
        (("--scope", "openid profile", "--purpose", "profile=Why", "--purpose", "profile=Again"), "two purposes"),
        (("--scope", "openid profile", "--purpose", "profile=Why", "--purpose", "profile:fr=Pourquoi"), "profile:fr"),
        (("--scope", "openid profile", "--purpose", "profile=" + "x" * 301), "at most 300"),
    ],
)
def test_a_missing_or_malformed_purpose_is_refused(cli, extra, message):
    result = create(cli, *extra)
    assert result.exit_code != 0
    assert message in result.output
    assert client_count() == 0
