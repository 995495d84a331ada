"""Portal URLs of the reference app: country and SDG pages."""
from django.urls import path

from . import views

app_name = "reference"
urlpatterns = [
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:iso3>/", views.country_detail, name="country_detail"),
    path("sdgs/", views.sdg_list, name="sdg_list"),
    path("sdgs/<int:number>/", views.sdg_detail, name="sdg_detail"),
]
