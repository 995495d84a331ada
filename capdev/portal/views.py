"""Portal pages that span the domain apps."""
from django.views.generic import TemplateView


class HomeView(TemplateView):
    """The front page."""

    template_name = "portal/home.html"
