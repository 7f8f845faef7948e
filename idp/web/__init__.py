"""Web plumbing shared by every page: CSRF, error pages, languages, headers, rate-limit counters."""
