"""Running JAKI ID in production (docs/operations.md): health checks, Prometheus
metrics, structured logs with a request id, and the database engine's settings."""
