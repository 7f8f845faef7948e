"""The `http` SMS backend: POST a JSON body to the carrier's gateway.

Configured by SMS_GATEWAY_URL, SMS_GATEWAY_AUTH_HEADER ("Name: value", e.g.
"Authorization: Bearer xyz"), SMS_GATEWAY_BODY_TEMPLATE (JSON in which the
placeholders {to} and {body} stand inside strings and are replaced by the
JSON-escaped values) and SMS_GATEWAY_TIMEOUT_SECONDS. Connection errors and
5xx answers are retried SMS_GATEWAY_ATTEMPTS times in all, with a doubling
backoff. Neither the body nor the code is ever logged.
"""

import json
import logging
import re
import time

import requests

from idp.phone_otp.phone import mask
from idp.phone_otp.sms_errors import SmsNotSent

log = logging.getLogger("idp.sms")
PLACEHOLDER = re.compile(r"\{(to|body)\}")


def render_body(template: str, to: str, body: str) -> str:
    values = {"to": to, "body": body}
    # One pass, so a body that happens to contain "{to}" is not substituted again.
    rendered = PLACEHOLDER.sub(lambda match: json.dumps(values[match.group(1)])[1:-1], template)
    json.loads(rendered)  # a broken template fails here, before anything is sent
    return rendered


def auth_header(line: str) -> dict:
    name, _, value = (line or "").partition(":")
    return {name.strip(): value.strip()} if name.strip() and value.strip() else {}


class HttpGatewayBackend:
    def __init__(
        self, url, auth_header_line, body_template, timeout_seconds, attempts, backoff_seconds, sleep=time.sleep
    ):
        self.url = url
        self.headers = {"Content-Type": "application/json"} | auth_header(auth_header_line)
        self.body_template = body_template
        self.timeout_seconds = timeout_seconds
        self.attempts = max(attempts, 1)
        self.backoff_seconds = backoff_seconds
        self.sleep = sleep

    @classmethod
    def from_config(cls, config):
        return cls(
            url=config["SMS_GATEWAY_URL"],
            auth_header_line=config["SMS_GATEWAY_AUTH_HEADER"],
            body_template=config["SMS_GATEWAY_BODY_TEMPLATE"],
            timeout_seconds=config["SMS_GATEWAY_TIMEOUT_SECONDS"],
            attempts=config["SMS_GATEWAY_ATTEMPTS"],
            backoff_seconds=config["SMS_GATEWAY_RETRY_BACKOFF_SECONDS"],
        )

    def send(self, to: str, body: str, code: str | None = None) -> None:
        try:
            payload = render_body(self.body_template, to, body).encode()
        except ValueError:
            log.error("SMS_GATEWAY_BODY_TEMPLATE does not give valid JSON; no SMS can be sent")
            raise SmsNotSent() from None
        for attempt in range(1, self.attempts + 1):
            if self._post(payload, to, attempt):
                return
            if attempt < self.attempts:
                self.sleep(self.backoff_seconds * 2 ** (attempt - 1))
        raise SmsNotSent()

    def _post(self, payload: bytes, to: str, attempt: int) -> bool:
        """True once the gateway took the message; False to retry; SmsNotSent to stop."""
        try:
            response = requests.post(
                self.url,
                data=payload,
                headers=self.headers,
                timeout=self.timeout_seconds,
                allow_redirects=False,
            )
        except requests.ConnectionError as error:  # includes a connect timeout: nothing was sent
            log.warning("SMS gateway unreachable (attempt %d, to %s): %s", attempt, mask(to), type(error).__name__)
            return False
        except requests.Timeout:
            # The gateway may already have the message: a second try could send the code twice.
            log.error("SMS gateway did not answer in %ss (to %s); not retried", self.timeout_seconds, mask(to))
            raise SmsNotSent() from None
        if 200 <= response.status_code < 300:
            return True
        if response.status_code >= 500:
            log.warning("SMS gateway answered %d (attempt %d, to %s)", response.status_code, attempt, mask(to))
            return False
        # 3xx/4xx will not change on a retry: our request or our credentials are wrong.
        log.error("SMS gateway refused the message with %d (to %s)", response.status_code, mask(to))
        raise SmsNotSent()
