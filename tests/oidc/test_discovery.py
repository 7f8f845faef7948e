"""Discovery (OIDC Discovery 1.0 §4, RFC 8414) and the JWKS."""

from authlib.oidc.discovery import OpenIDProviderMetadata

from tests.conftest import ISSUER


def test_discovery_document_is_valid_and_names_our_issuer(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    OpenIDProviderMetadata(metadata).validate()
    assert metadata["issuer"] == ISSUER
    assert metadata["authorization_endpoint"] == f"{ISSUER}/authorize"


def test_rfc8414_path_serves_the_same_document(http):
    assert (
        http.get("/.well-known/oauth-authorization-server").get_json()
        == http.get("/.well-known/openid-configuration").get_json()
    )


def test_discovery_advertises_only_what_we_do(http):
    metadata = http.get("/.well-known/openid-configuration").get_json()
    assert metadata["response_types_supported"] == ["code"]
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["subject_types_supported"] == ["pairwise"]
    assert metadata["authorization_response_iss_parameter_supported"] is True
    assert "RS256" in metadata["id_token_signing_alg_values_supported"]
    assert "none" not in metadata["id_token_signing_alg_values_supported"]


def test_jwks_has_public_keys_only_each_with_kid_and_alg(http):
    keys = http.get("/jwks.json").get_json()["keys"]
    assert keys
    for key in keys:
        assert key["kid"] and key["alg"] and key["use"] == "sig"
        assert not {"d", "p", "q", "dp", "dq", "qi", "k"} & set(key)
    assert len({k["kid"] for k in keys}) == len(keys)
