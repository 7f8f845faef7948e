"""The services' forms: a csrf_token that is not ASCII is refused, not a 500 (issue 8, finding 9)."""

import pytest


@pytest.mark.parametrize("token", ["é", "１２３", "ÿ" * 43])
def test_finding_9_a_non_ascii_csrf_token_is_refused_with_400(make_app, token):
    http = make_app("complaints").test_client()
    with http.session_transaction() as session:
        session["csrf_token"] = "expected-token"
    response = http.post("/reports", data={"csrf_token": token, "category": "Jalan rusak"})
    assert response.status_code == 400
