"""Response headers every page gets."""

from flask import current_app


def no_store(response):
    """after_request for pages that show a person's own data (a phone number, an
    authenticator's secret, who is signed in): no copy in any cache, so a shared
    computer's back button or history shows nothing of it (RFC 9111 §5.2.2.5)."""
    response.headers["Cache-Control"] = "no-store"
    return response


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{images}; "
    "form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'"
)


def allow_image_from(response, origin: str):
    """The page shows one image from elsewhere (a service's registered logo)."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(images=f" {origin}")
    return response


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY.format(images=""))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config.get("ENV") == "production":
        headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
    return response
