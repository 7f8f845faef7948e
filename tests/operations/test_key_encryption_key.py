"""Changing the key-encryption key: KEY_ENCRYPTION_KEY="new,old" (the first encrypts,
each decrypts), `flask keys reencrypt`, then the old key can go (docs/operations.md)."""

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select

from config import DEV_KEY_ENCRYPTION_KEY, check_production_safety
from idp.extensions import db
from idp.mfa import totp
from idp.models import Citizen
from idp.security import decrypt_at_rest, encrypt_at_rest
from tests.conftest import AuthRequest
from tests.oidc.flows import full_flow, id_claims
from tests.test_config import SAFE

NEW_KEY = Fernet.generate_key().decode()


def test_with_two_keys_the_first_encrypts_and_both_decrypt(app, monkeypatch):
    old = encrypt_at_rest(b"secret")
    monkeypatch.setitem(app.config, "KEY_ENCRYPTION_KEY", f"{NEW_KEY},{DEV_KEY_ENCRYPTION_KEY}")
    assert decrypt_at_rest(old) == b"secret"
    assert Fernet(NEW_KEY.encode()).decrypt(encrypt_at_rest(b"new")) == b"new"


def test_after_reencrypt_the_old_key_can_go(app, http, make_client, make_citizen, monkeypatch):
    citizen = make_citizen()
    citizen.totp_secret_encrypted = totp.encrypt("JBSWY3DPEHPK3PXP")
    db.session.commit()
    monkeypatch.setitem(app.config, "KEY_ENCRYPTION_KEY", f"{NEW_KEY},{DEV_KEY_ENCRYPTION_KEY}")

    result = app.test_cli_runner().invoke(args=["keys", "reencrypt"])
    assert result.exit_code == 0, result.output
    assert "citizen_authenticators: 1 re-encrypted" in result.output

    monkeypatch.setitem(app.config, "KEY_ENCRYPTION_KEY", NEW_KEY)  # the old key removed
    stored = db.session.scalar(select(Citizen.totp_secret_encrypted).where(Citizen.id == citizen.id))
    assert totp.decrypt(stored) == "JBSWY3DPEHPK3PXP"
    auth = AuthRequest(make_client())
    tokens = auth.token_request(http, full_flow(http, auth)["code"]).get_json()
    assert id_claims(tokens)["aud"] == auth.client.client_id  # signed with a key decrypted by the new KEK


@pytest.mark.parametrize("value", [f"{NEW_KEY},not-a-key", f"{NEW_KEY},{DEV_KEY_ENCRYPTION_KEY}"])
def test_production_refuses_a_bad_or_development_key_in_the_list(value):
    with pytest.raises(RuntimeError, match="KEY_ENCRYPTION_KEY"):
        check_production_safety(SAFE | {"KEY_ENCRYPTION_KEY": value})


def test_production_accepts_two_good_keys():
    check_production_safety(SAFE | {"KEY_ENCRYPTION_KEY": f"{NEW_KEY},{Fernet.generate_key().decode()}"})
