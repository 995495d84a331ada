"""Security settings shared by every environment (login lockout, CSP, ...); production adds HTTPS-only ones.

Imported at the end of base.py, so it extends INSTALLED_APPS and MIDDLEWARE defined there.
"""
from datetime import timedelta

from csp.constants import NONE, SELF

from .base import INSTALLED_APPS, MIDDLEWARE, REST_FRAMEWORK, env_int, env_rate

# -- Login lockout (django-axes) ----------------------------------------------------------------------------
# Every sign-in through an HTTP form (the portal's /accounts/login/ and the admin's) is counted: after
# AXES_FAILURE_LIMIT failures for one username from one address, that pair is locked out for the cool-off.
INSTALLED_APPS += ["axes"]  # noqa: F405
AUTHENTICATION_BACKENDS = [
    "capdev.accounts.backends.LockoutBackend",  # axes first: refuses locked-out attempts before checking passwords
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
# The pair is the user name and the client's address, so that someone else's five bad passwords lock out only
# themselves. Behind a reverse proxy every client has the proxy's REMOTE_ADDR: set CAPDEV_TRUSTED_PROXY_COUNT
# (below) or one attacker locks a reviewer out for everyone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "capdev.core.client_address.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "capdev.accounts.views.locked_out"
AXES_VERBOSE = False
# Unlock with `capdev axes-reset-username NAME` (or axes-reset): the admin pages of axes add nothing but clutter.
AXES_ENABLE_ADMIN = False

# -- The client's address behind reverse proxies -----------------------------------------------------------
# How many reverse proxies in front of Capdev append the address they received from to X-Forwarded-For (nginx
# with $proxy_add_x_forwarded_for: 1). 0, the default, trusts no header: the address is REMOTE_ADDR. The login
# lockout and the API's throttling key on it (capdev.core.client_address). Set it to exactly the number of
# proxies you run: more lets a client choose its address by writing the header itself.
CAPDEV_TRUSTED_PROXY_COUNT = env_int("CAPDEV_TRUSTED_PROXY_COUNT", 0)

# -- API throttling (REST framework) --------------------------------------------------------------------------
# Requests per client address (anonymous) or per account (signed in, token or session); beyond it, 429 with
# Retry-After. "off" turns a limit off. Counted in Django's cache: per server process unless CACHES is shared.
CAPDEV_API_RATE_ANON = env_rate("CAPDEV_API_RATE_ANON", "300/min")
CAPDEV_API_RATE_USER = env_rate("CAPDEV_API_RATE_USER", "1200/min")
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "capdev.api.throttling.AnonymousThrottle",
    "capdev.api.throttling.SignedInThrottle",
]

# -- Content-Security-Policy (django-csp) --------------------------------------------------------------------
# No inline script or style anywhere: JS and CSS come from our own static files (vendored, no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
INSTALLED_APPS += ["csp"]  # noqa: F405

# The CSP header goes on every response; axes' middleware last, so it sees the login outcome.
MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware", "axes.middleware.AxesMiddleware"]

# -- Sessions and sign-in -------------------------------------------------------------------------------------
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"  # a URL name: the home page in the language of the sign-in page
LOGOUT_REDIRECT_URL = "portal:home"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day: staff sign in again each morning
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
