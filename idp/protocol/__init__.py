"""Protocol rules, one spec each: pairwise subjects, claims, id_token_hint, signing keys, replay caches."""
