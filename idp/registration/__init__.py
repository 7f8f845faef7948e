"""Agencies register their own services (OpenID Connect Dynamic Client
Registration 1.0, RFC 7591) and manage them (RFC 7592), with an initial access
token an operator issued them.

metadata.py  a registration's JSON → a ClientSpec, bounded by the agency's token; a client → JSON
cli.py       `flask agencies token create|list|revoke`
The endpoint is idp/oidc/registration.py; storage is idp/services/registrations.py.
"""
