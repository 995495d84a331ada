"""`/api/`: the router over every app's viewsets, the OpenAPI schema and its docs page."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from capdev.activities.api.resources import ResourceViewSet
from capdev.activities.api.views import ActivityViewSet
from capdev.assessments.api.views import AssessmentViewSet, FrameworkViewSet
from capdev.organisations.api.views import FundingSourceViewSet, OrganisationViewSet, OrgUnitViewSet
from capdev.people.api.views import AttendanceViewSet, NetworkViewSet, PeopleReachedView, PersonViewSet
from capdev.projects.api.views import ProjectViewSet
from capdev.reference.api.views import CountryViewSet, RegionViewSet, SdgGoalViewSet
from capdev.texts.api.views import ProjectTranslationsView

router = DefaultRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("activities", ActivityViewSet, basename="activity")
router.register("resources", ResourceViewSet, basename="resource")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("units", OrgUnitViewSet, basename="unit")
router.register("funding-sources", FundingSourceViewSet, basename="funding-source")
router.register("countries", CountryViewSet, basename="country")
router.register("regions", RegionViewSet, basename="region")
router.register("sdgs", SdgGoalViewSet, basename="sdg")
router.register("networks", NetworkViewSet, basename="network")
router.register("people", PersonViewSet, basename="person")
router.register("attendance", AttendanceViewSet, basename="attendance")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("assessment-frameworks", FrameworkViewSet, basename="assessment-framework")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: the Content-Security-Policy forbids inline scripts.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
         name="docs"),
    path("people-reached/", PeopleReachedView.as_view(), name="people-reached"),
    path("projects/<int:pk>/translations/", ProjectTranslationsView.as_view(), name="project-translations"),
    path("", include(router.urls)),
]
