"""The key fields of the console's client forms (register, keys): a JWK Set pasted in
or a jwks_uri, and the algorithm to encrypt ID tokens and UserInfo with. What they
hold is then checked like any registration (idp/services/clients.validate)."""

import json

from idp.protocol.client_metadata import InvalidClientMetadata
from idp.protocol.encryption_algs import ENCRYPTION_ALGS

MAX_JWKS_CHARACTERS = 20_000  # a JWK Set of a few RSA keys is ~2,000


def keys_from(form) -> tuple[dict | None, str | None, str | None]:
    """(jwks, jwks_uri, encryption alg) from the form's fields, or InvalidClientMetadata."""
    text = form.get("jwks", "").strip()
    jwks_uri = form.get("jwks_uri", "").strip() or None
    encryption = form.get("encryption", "") or None
    if encryption not in (None, *ENCRYPTION_ALGS):
        raise InvalidClientMetadata(f"the encryption must be one of {', '.join(ENCRYPTION_ALGS)}, or none")
    if text and jwks_uri:
        raise InvalidClientMetadata("give the keys either as a JWK Set or at a jwks_uri, not both")
    if len(text) > MAX_JWKS_CHARACTERS:
        raise InvalidClientMetadata(f"the JWK Set is longer than {MAX_JWKS_CHARACTERS} characters")
    try:
        jwks = json.loads(text) if text else None
    except ValueError as error:
        raise InvalidClientMetadata(f"the JWK Set is not valid JSON ({error})") from None
    if jwks is not None and not isinstance(jwks, dict):
        raise InvalidClientMetadata("the JWK Set must be a JSON object with a 'keys' list")
    return jwks, jwks_uri, encryption
