"""Back-channel logout (OpenID Connect Back-Channel Logout 1.0): delivering the
logout tokens queued by idp/services/logout_deliveries.py, off the citizen's request."""
