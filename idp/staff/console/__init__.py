"""The operator console (staff with the operator role): clients, agencies'
initial access tokens and signing keys. It shows no citizen data: nothing here
reads a citizen, a consent or a session. Auditors are refused (403).

clients.py        list, register, disable and enable clients; rotate a secret (shown once)
client_keys.py    set or replace a client's public keys (jwks or jwks_uri) and its encryption
access_tokens.py  issue (shown once) and revoke agencies' initial access tokens
signing_keys.py   list and rotate the signing keys
logout_failures.py  back-channel logout deliveries given up on (the service and the error)
"""

from idp.staff.console import access_tokens, client_keys, clients, logout_failures, signing_keys  # noqa: F401  (registers the views)
