"""OpenID Connect relying party: the authorization code flow with Authlib's Flask client.

Configured only from the provider's discovery document (OpenID Connect
Discovery 1.0). Every sign-in sends PKCE S256 (RFC 7636), `state` and `nonce`;
the callback checks the `iss` parameter (RFC 9207), lets Authlib validate the
ID token (OpenID Connect Core 1.0 §3.1.3.7), and fetches UserInfo, whose `sub`
MUST match the ID token's (Core §5.3.2). A service registered for the FAPI 2.0
profile does the same through PAR, private_key_jwt and DPoP (fapi.py).
"""

import logging
import time
from urllib.parse import parse_qsl, urlencode, urlsplit

from authlib.integrations.flask_client import OAuth, OAuthError
from flask import current_app, redirect, request, session
from joserfc.errors import JoseError
from requests import HTTPError, RequestException

from . import language
from .encryption import NotEncrypted, decryption
from .fapi import fapi_client
from .settings import PROVIDER_TIMEOUT_SECONDS
from .signin import SignIn

PROVIDER_NAME = "jaki"
CLOCK_SKEW_SECONDS = 60
log = logging.getLogger(__name__)


class SignInFailed(Exception):
    """The sign-in did not complete; `error` is an OAuth error code or our own."""

    def __init__(self, error, description=None, requested_acr=None):
        super().__init__(error, description)
        self.error = error
        self.description = description
        self.requested_acr = requested_acr  # what a step-up asked for, to say so


def register_provider(app):
    # One OAuth registry per app: Authlib caches clients by name in the registry.
    oauth = OAuth(app)
    oauth.register(
        PROVIDER_NAME,
        server_metadata_url=f"{app.config['JAKI_ISSUER']}/.well-known/openid-configuration",
        client_kwargs={
            "code_challenge_method": "S256",
            "token_endpoint_auth_method": "client_secret_basic",
            "default_timeout": PROVIDER_TIMEOUT_SECONDS,
        },
    )


def provider():
    return current_app.extensions["authlib.integrations.flask_client"].create_client(PROVIDER_NAME)


def provider_metadata():
    try:
        return provider().load_server_metadata()
    except RequestException as exc:
        log.warning("JAKI ID discovery failed: %s", exc)
        raise SignInFailed("provider_unreachable") from exc


def callback_url():
    return f"{current_app.config['SERVICE_URL']}/auth/callback"


def signed_out_url():
    return f"{current_app.config['SERVICE_URL']}/signed-out"


def ui_locales():
    """The language for JAKI ID's pages: the citizen's choice here, else the configured one,
    else this page's (OIDC Core §3.1.2.1 `ui_locales`)."""
    return language.chosen_language() or current_app.config.get("JAKI_UI_LOCALES") or language.current_language()


def begin_sign_in(service, next_path="/", acr_values=None, max_age=None):
    """Redirect the browser to the provider's authorization endpoint.

    `max_age` (seconds, OIDC Core §3.1.2.1) asks for a sign-in no older than that; the
    ID token then carries `auth_time`, checked at the callback.
    """
    metadata = provider_metadata()
    params = {"scope": " ".join(service.scopes_to_request(metadata.get("scopes_supported")))}
    if acr_values:
        params["acr_values"] = acr_values
    if max_age is not None:
        params["max_age"] = str(max_age)
    params["ui_locales"] = ui_locales()
    client = provider()
    # Authlib adds state, nonce and the S256 code challenge, and returns them.
    authorization = client.create_authorization_url(callback_url(), **params)
    client.save_authorize_data(
        redirect_uri=callback_url(), next=next_path, acr_values=acr_values, max_age=max_age, **authorization
    )
    fapi = fapi_client()
    if fapi is not None:
        return redirect(pushed_authorization_url(fapi, metadata, authorization["url"]))
    return redirect(authorization["url"])


def pushed_authorization_url(fapi, metadata, url):
    """RFC 9126 §4: the parameters go to the PAR endpoint; the browser carries only
    client_id and the request_uri."""
    params = dict(parse_qsl(urlsplit(url).query))
    try:
        request_uri = fapi.push(metadata["pushed_authorization_request_endpoint"], params)
    except (RequestException, KeyError, ValueError) as exc:
        log.warning("Pushed authorization request failed: %s", exc)
        raise SignInFailed("provider_error", "PAR") from exc
    query = {"client_id": params["client_id"], "request_uri": request_uri}
    return f"{metadata['authorization_endpoint']}?{urlencode(query)}"


def too_old(claims, max_age):
    """OIDC Core §3.1.2.1: with max_age, auth_time is REQUIRED and the sign-in no older."""
    auth_time = claims.get("auth_time")
    if not isinstance(auth_time, int):
        return True
    return time.time() - auth_time > max_age + CLOCK_SKEW_SECONDS


def issuer_mismatch(iss, metadata):
    """RFC 9207 §2.4: the `iss` parameter, when sent or promised, MUST equal the issuer."""
    if iss is None:
        if metadata.get("authorization_response_iss_parameter_supported"):
            return "the authorization response has no iss parameter"
        return None
    if iss != metadata.get("issuer"):
        return f"iss {iss!r} is not the issuer {metadata.get('issuer')!r}"
    return None


def id_token_claims_options(metadata):
    """Core §3.1.3.7: `iss` MUST be the issuer and `aud` MUST contain our client_id.

    Authlib checks `iss` by default but `aud` only through `azp`, so both are set here.
    """
    return {
        "iss": {"essential": True, "value": metadata["issuer"]},
        "aud": {"essential": True, "value": provider().client_id},
    }


def finish_sign_in():
    """Complete the flow at the callback; return the SignIn and the URL to go back to."""
    client = provider()
    state = request.args.get("state")
    pending = client.framework.get_state_data(session, state) if state else None
    if pending is None:
        raise SignInFailed("unknown_state")
    metadata = provider_metadata()
    mismatch = issuer_mismatch(request.args.get("iss"), metadata)
    if mismatch or "error" in request.args:
        client.framework.clear_state_data(session, state)
    if mismatch:
        log.warning("Authorization response rejected: %s", mismatch)
        raise SignInFailed("issuer_mismatch")
    if "error" in request.args:
        raise SignInFailed(
            request.args["error"],
            request.args.get("error_description"),
            requested_acr=pending.get("acr_values"),
        )
    token, userinfo = redeem_code(client, metadata, pending)
    if pending.get("max_age") is not None and too_old(token["userinfo"], pending["max_age"]):
        log.warning("ID token rejected: no auth_time, or older than the max_age asked for")
        raise SignInFailed("stale_authentication", requested_acr=pending.get("acr_values"))
    sign_in = SignIn(
        id_token=token["id_token"],
        id_token_claims=dict(token["userinfo"]),
        userinfo=userinfo,
        scope=token.get("scope", ""),
        requested_acr=pending.get("acr_values"),
    )
    return sign_in, pending.get("next") or "/"


def redeem_code(client, metadata, pending):
    """Token request, ID token validation and UserInfo; returns (token, userinfo)."""
    try:
        if fapi_client() is not None:
            token, userinfo = _redeem_sender_constrained(fapi_client(), client, metadata, pending)
        elif decryption() is not None:
            token, userinfo = _redeem_encrypted(decryption(), client, metadata, pending)
        else:
            # Exchanges the code with the PKCE verifier, then checks the ID token's
            # signature, exp, nonce and at_hash, and the iss and aud required here.
            token = client.authorize_access_token(claims_options=id_token_claims_options(metadata))
            if "userinfo" not in token:
                raise SignInFailed("missing_id_token")
            userinfo = dict(client.userinfo(token=token))
    except OAuthError as exc:
        log.warning("Token request failed: %s", exc)
        raise SignInFailed("token_error", exc.description) from exc
    except JoseError as exc:
        log.warning("ID token rejected: %s", exc)
        raise SignInFailed("invalid_id_token") from exc
    except NotEncrypted as exc:
        log.warning("Response refused: %s", exc)
        raise SignInFailed("invalid_id_token", str(exc)) from exc
    except HTTPError as exc:  # UserInfo or JWKS answered with an error status
        assert exc.response is not None  # raised by raise_for_status(), which attaches it
        log.warning("JAKI ID refused a request at the callback: %s", exc)
        raise SignInFailed("provider_error", f"HTTP {exc.response.status_code}") from exc
    except RequestException as exc:
        log.warning("JAKI ID unreachable at the callback: %s", exc)
        raise SignInFailed("provider_unreachable") from exc
    if userinfo.get("sub") != token["userinfo"]["sub"]:
        raise SignInFailed("userinfo_sub_mismatch")
    return token, userinfo


def _redeem_sender_constrained(fapi, client, metadata, pending):
    """The same with private_key_jwt and DPoP (fapi.py); Authlib still checks the ID token."""
    client.framework.clear_state_data(session, request.args["state"])
    token = fapi.redeem(metadata["token_endpoint"], request.args.get("code", ""), pending["redirect_uri"],
                        pending["code_verifier"])  # fmt: skip
    decrypting = decryption()
    if decrypting is not None:
        token["id_token"] = decrypting.nested_jwt(token.get("id_token"), "ID token")
    claims = client.parse_id_token(token, nonce=pending["nonce"], claims_options=id_token_claims_options(metadata))
    if claims is None:
        raise SignInFailed("missing_id_token")
    token["userinfo"] = claims
    return token, fapi.userinfo(metadata["userinfo_endpoint"], token["access_token"])


def _redeem_encrypted(decrypting, client, metadata, pending):
    """As Authlib's authorize_access_token, with the ID token and UserInfo decrypted first
    (encryption.py): the signed ID token inside is then checked the same way."""
    client.framework.clear_state_data(session, request.args["state"])
    token = client.fetch_access_token(
        code=request.args.get("code", ""),
        redirect_uri=pending["redirect_uri"],
        code_verifier=pending["code_verifier"],
    )
    token["id_token"] = decrypting.nested_jwt(token.get("id_token"), "ID token")
    claims = client.parse_id_token(token, nonce=pending["nonce"], claims_options=id_token_claims_options(metadata))
    if claims is None:
        raise SignInFailed("missing_id_token")
    token["userinfo"] = claims
    response = client.get(metadata["userinfo_endpoint"], token=token)
    response.raise_for_status()
    return token, decrypting.userinfo(response)


def begin_sign_out(sign_in):
    """RP-Initiated Logout 1.0: end the provider session too, then come back."""
    metadata = provider_metadata()
    if not metadata.get("end_session_endpoint"):
        return None
    extra = {"ui_locales": ui_locales()}
    return provider().logout_redirect(
        post_logout_redirect_uri=signed_out_url(), id_token_hint=sign_in.id_token, **extra
    )


def sign_out_confirmed():
    """Whether the provider came back with the `state` sent at sign-out."""
    try:
        provider().validate_logout_response()
    except OAuthError:
        return False
    return True
