"""/healthz says the process serves; /readyz that the database and Redis answer (503 if not)."""


def test_healthz_answers_without_touching_any_store(database_down):
    response = database_down.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_is_200_when_the_database_and_the_limit_storage_answer(http):
    response = http.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "rate_limit_storage": "ok"}


def test_readyz_is_503_when_the_database_is_unreachable(database_down):
    response = database_down.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unreachable"


def test_readyz_is_503_when_redis_is_unreachable(http, redis_down):
    response = http.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "ok", "rate_limit_storage": "unreachable"}


def test_health_checks_set_no_cookie(http):
    for path in ("/healthz", "/readyz"):
        assert "Set-Cookie" not in http.get(path).headers
