"""Four agency services that sign citizens in with JAKI ID.

Each service is an independent Flask app that reaches the provider only over
HTTP, configured from the provider's discovery document, the way a real
agency (OPD) would integrate. Nothing here imports the provider's code or
the demo launcher (demo/), so one service with common/ can be copied alone.
"""
