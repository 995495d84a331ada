"""API throttling: requests per client address (anonymous) and per account (signed in).

The rates are settings read at each request (CAPDEV_API_RATE_ANON, CAPDEV_API_RATE_USER; None is no limit);
the address is the one the login lockout uses (capdev.core.client_address), so a client behind the trusted
proxy is counted alone, and one that writes X-Forwarded-For itself does not escape its count. Over the rate,
REST framework answers 429 with Retry-After.
"""
from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from capdev.core.client_address import client_address


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous requests, per client address."""

    def get_rate(self):
        return getattr(settings, "CAPDEV_API_RATE_ANON", None)

    def get_ident(self, request):
        return client_address(request)


class SignedInThrottle(UserRateThrottle):
    """Signed-in requests (token or session), per account."""

    def get_rate(self):
        return getattr(settings, "CAPDEV_API_RATE_USER", None)

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None  # anonymous: AnonymousThrottle counts it
        return super().get_cache_key(request, view)
