"""`flask clients create|update`: signed and encrypted responses, back-channel
logout (OIDC Registration §2, Back-Channel Logout 1.0 §2.2)."""

import json

import pytest
from joserfc.jwk import ECKey, RSAKey

from tests.test_cli import client_count, create, json_of


@pytest.fixture
def cli(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=list(args))


def jwks_file(tmp_path, *keys, name="jwks.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"keys": [key.as_dict(private=False) for key in keys]}))
    return str(path)


def rsa_enc_key():
    return RSAKey.generate_key(2048, parameters={"use": "enc"})


def test_new_clients_get_plain_userinfo_and_no_backchannel_logout(cli):
    data = json_of(create(cli, "--json"))
    assert data["userinfo_signed_response_alg"] is None
    assert data["id_token_encrypted_response_alg"] is None
    assert data["backchannel_logout_uri"] is None
    assert data["backchannel_logout_session_required"] is False


def test_create_with_every_token_option(cli, tmp_path):
    keys = jwks_file(tmp_path, rsa_enc_key(), ECKey.generate_key("P-256", parameters={"use": "enc"}))
    data = json_of(
        create(
            cli,
            "--jwks",
            keys,
            "--userinfo-alg",
            "ES256",
            "--id-token-encryption-alg",
            "RSA-OAEP-256",
            "--userinfo-encryption-alg",
            "ECDH-ES+A256KW",
            "--userinfo-encryption-enc",
            "A256GCM",
            "--backchannel-logout-uri",
            "https://permits.example/backchannel",
            "--backchannel-logout-session-required",
            "--json",
        )
    )
    assert data["userinfo_signed_response_alg"] == "ES256"
    assert data["id_token_encrypted_response_alg"] == "RSA-OAEP-256"
    assert data["id_token_encrypted_response_enc"] == "A256GCM"  # the only enc offered
    assert data["userinfo_encrypted_response_alg"] == "ECDH-ES+A256KW"
    assert data["backchannel_logout_uri"] == "https://permits.example/backchannel"
    assert data["backchannel_logout_session_required"] is True


def test_loopback_http_backchannel_uri_is_allowed_in_development(cli):
    data = json_of(create(cli, "--backchannel-logout-uri", "http://127.0.0.1:5001/backchannel", "--json"))
    assert data["backchannel_logout_uri"] == "http://127.0.0.1:5001/backchannel"


def test_loopback_http_backchannel_uri_is_refused_in_production(app, cli, monkeypatch):
    monkeypatch.setitem(app.config, "ENV", "production")
    result = create(cli, "--backchannel-logout-uri", "http://127.0.0.1:5001/backchannel")
    assert result.exit_code != 0 and "backchannel_logout_uri must be https" in result.output
    assert client_count() == 0


@pytest.mark.parametrize(
    "extra, message",
    [
        (("--backchannel-logout-uri", "http://permits.example/bc"), "backchannel_logout_uri must be https"),
        (("--backchannel-logout-uri", "https://permits.example/bc#x"), "no user info or fragment"),
        (("--backchannel-logout-uri", "/bc"), "must have a host"),
        (("--backchannel-logout-session-required",), "needs backchannel_logout_uri"),
        (("--id-token-encryption-alg", "RSA-OAEP-256"), "needs the client's public keys"),
        (("--userinfo-encryption-enc", "A256GCM"), "needs userinfo_encrypted_response_alg"),
        (("--userinfo-alg", "HS256"), "Invalid value"),
        (("--id-token-encryption-alg", "RSA1_5"), "Invalid value"),
    ],
)
def test_bad_token_options_fail_clearly_and_write_nothing(cli, extra, message):
    result = create(cli, *extra)
    assert result.exit_code != 0 and message in result.output
    assert client_count() == 0


def test_encryption_needs_a_key_for_its_algorithm(cli, tmp_path):
    signing_only = jwks_file(tmp_path, RSAKey.generate_key(2048, parameters={"use": "sig"}))
    result = create(cli, "--jwks", signing_only, "--id-token-encryption-alg", "RSA-OAEP-256")
    assert result.exit_code != 0 and "no encryption key for RSA-OAEP-256" in result.output
    rsa_only = jwks_file(tmp_path, rsa_enc_key(), name="rsa.json")
    result = create(cli, "--jwks", rsa_only, "--id-token-encryption-alg", "ECDH-ES+A256KW")
    assert result.exit_code != 0 and "no encryption key for ECDH-ES+A256KW" in result.output
    assert client_count() == 0


def test_keys_without_private_key_jwt_or_encryption_are_refused(cli, tmp_path):
    result = create(cli, "--jwks", jwks_file(tmp_path, rsa_enc_key()))
    assert result.exit_code != 0 and "only used with" in result.output


def test_update_sets_and_clears_token_metadata(cli, tmp_path):
    client_id = json_of(create(cli, "--json"))["client_id"]
    data = json_of(
        cli(
            "clients",
            "update",
            client_id,
            "--jwks",
            jwks_file(tmp_path, rsa_enc_key()),
            "--id-token-encryption-alg",
            "RSA-OAEP-256",
            "--userinfo-alg",
            "PS256",
            "--backchannel-logout-uri",
            "https://permits.example/bc",
            "--json",
        )
    )
    assert data["id_token_encrypted_response_enc"] == "A256GCM"
    assert data["userinfo_signed_response_alg"] == "PS256"
    data = json_of(cli("clients", "update", client_id, "--no-userinfo-signing", "--no-backchannel-logout", "--json"))
    assert data["userinfo_signed_response_alg"] is None and data["backchannel_logout_uri"] is None
    assert data["id_token_encrypted_response_alg"] == "RSA-OAEP-256"  # untouched


def test_update_is_validated_like_a_registration(cli):
    client_id = json_of(create(cli, "--json"))["client_id"]
    result = cli("clients", "update", client_id, "--id-token-encryption-alg", "RSA-OAEP-256")
    assert result.exit_code != 0 and "needs the client's public keys" in result.output
    shown = json_of(cli("clients", "show", client_id, "--json"))
    assert shown["id_token_encrypted_response_alg"] is None


def test_update_of_an_unknown_client_fails_clearly(cli):
    result = cli("clients", "update", "nobody", "--userinfo-alg", "RS256")
    assert result.exit_code != 0 and "no client with id 'nobody'" in result.output
