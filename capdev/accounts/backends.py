"""Login lockout (django-axes) for every HTTP sign-in, without breaking sign-ins that have no request."""
from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check; authenticate() calls without a request (scripts, the test client) pass through.

    Axes raises an error when no request is given; those calls are not HTTP sign-ins an attacker could repeat,
    so they are left to the next backend. The admin's and the portal's login forms always pass the request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Refuse a locked-out user or address; do not authenticate anyone (ModelBackend does)."""
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
