"""Portal-styled sign-in and sign-out pages (the admin's login is covered by the same lockout)."""
from django.contrib.auth import views as auth_views
from django.shortcuts import render


class LoginView(auth_views.LoginView):
    """Sign in; repeated failures lock the account and address out (django-axes)."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, with CSRF)."""

    template_name = "accounts/logged_out.html"


def locked_out(request, credentials=None, *args, **kwargs):
    """The page shown after too many failed sign-ins (AXES_LOCKOUT_CALLABLE)."""
    return render(request, "accounts/locked_out.html", status=429)
