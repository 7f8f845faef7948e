"""Four agency services that sign citizens in with JAKI ID.

Each service is an independent Flask app that reaches the provider only over
HTTP, configured from the provider's discovery document, the way a real
agency (OPD) would integrate. Nothing here imports the provider's code.
"""
