"""Prometheus metrics at /metrics, for the holder of METRICS_TOKEN only (RFC 6750 §2.1)."""

from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import AuthRequest, post_form
from tests.oidc.flows import PHONE, full_flow, refresh


def scrape(http, token) -> dict[tuple, float]:
    response = http.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    values = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return values


def value(values, name, **labels) -> float:
    return values.get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_are_off_without_a_token(http):
    assert http.get("/metrics").status_code == 404


def test_metrics_refuse_a_missing_or_wrong_bearer_token(http, metrics_on):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {metrics_on}"}):
        response = http.get("/metrics", headers=headers)
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_requests_and_latency_are_counted_per_endpoint(http, metrics_on):
    before = scrape(http, metrics_on)
    for _ in range(3):
        http.get("/jwks.json")
    after = scrape(http, metrics_on)
    labels = {"endpoint": "oidc.jwks", "method": "GET", "status": "200"}
    assert value(after, "jaki_http_requests_total", **labels) - value(before, "jaki_http_requests_total", **labels) == 3
    count = "jaki_http_request_duration_seconds_count"
    assert value(after, count, endpoint="oidc.jwks") - value(before, count, endpoint="oidc.jwks") == 3


def test_a_sign_in_counts_the_code_sent_the_sign_in_and_the_tokens(http, make_client, metrics_on):
    before = scrape(http, metrics_on)
    client = make_client()
    auth = AuthRequest(client)
    tokens = auth.token_request(http, full_flow(http, auth)["code"]).get_json()
    refresh(http, client, tokens["refresh_token"])
    after = scrape(http, metrics_on)

    def grew(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("jaki_sms_codes_sent_total", purpose="sign_in") == 1
    assert grew("jaki_sign_ins_total", amr="sms") == 1
    assert grew("jaki_tokens_issued_total", grant_type="authorization_code") == 1
    assert grew("jaki_tokens_issued_total", grant_type="refresh_token") == 1


def test_a_code_refused_by_the_limits_is_counted(http, metrics_on):
    before = scrape(http, metrics_on)
    post_form(http, "/signin", {"phone": PHONE})
    post_form(http, "/signin/code", {"resend": "1"})  # within the cooldown: refused
    post_form(http, "/signin", {"phone": PHONE})
    after = scrape(http, metrics_on)
    sent = value(after, "jaki_sms_codes_sent_total", purpose="sign_in") - value(
        before, "jaki_sms_codes_sent_total", purpose="sign_in"
    )
    refused = value(after, "jaki_sms_codes_refused_total", reason="limit") - value(
        before, "jaki_sms_codes_refused_total", reason="limit"
    )
    assert sent == 1 and refused >= 1


def test_an_outage_is_counted_as_an_error(http, metrics_on, redis_down):
    before = value(scrape(http, metrics_on), "jaki_errors_total", kind="outage")
    assert post_form(http, "/signin", {"phone": PHONE}).status_code == 503
    assert value(scrape(http, metrics_on), "jaki_errors_total", kind="outage") - before >= 1
