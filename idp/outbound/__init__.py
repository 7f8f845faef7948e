"""Requests JAKI ID makes to addresses a client registered (its jwks_uri, its
sector_identifier_uri): one guarded fetcher, so a registration cannot turn the
provider into a way into the private network (SSRF).

addresses.py   which URLs and which resolved addresses may be fetched
fetch.py       the fetch itself: pinned address, few redirects, size and time limits
client_jwks.py a client's JWKS from its jwks_uri: cached, refetched for an unknown kid
"""
