"""The address of the client a request comes from, as the login lockout and the API's throttling key it.

Off by default (CAPDEV_TRUSTED_PROXY_COUNT = 0), it is REMOTE_ADDR, and X-Forwarded-For is ignored: anyone can
write that header. Behind N reverse proxies that each append the address they received the request from to
X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), REMOTE_ADDR is the last proxy's, the same for every
client; the client's is then the N-th entry from the right: the right-most hop no trusted proxy wrote, so
whatever a client puts in the header itself (to the left) changes nothing. A request with fewer entries than
that did not come through the proxies, and an entry that is not an address is not trusted: both fall back to
REMOTE_ADDR.
"""
from __future__ import annotations

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """The client's IP address (REMOTE_ADDR unless CAPDEV_TRUSTED_PROXY_COUNT says which hop to trust)."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR") or ""
    proxies = getattr(settings, "CAPDEV_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    hops = [hop.strip() for hop in (meta.get("HTTP_X_FORWARDED_FOR") or "").split(",")]
    if len(hops) < proxies:
        return remote
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
