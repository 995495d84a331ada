"""URL configuration: the portal, each domain app's pages, the admin.

The pages carry their language in the URL (docs/languages.md): English, the default, at `/projects/`, the
other five UN languages under a prefix (`/fr/projects/`, `/ar/projects/`), so that a page can be shared, cached
and indexed in one language. The API is outside the prefixed patterns: `/api/...` is one URL whatever the
reader's language. The IATI file and the exports keep their unprefixed URL too: English needs no prefix, and
the pages link to that URL in every language (`{% unprefixed_url %}`, capdev.core.templatetags.languages).
"""
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/", include("capdev.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", include("capdev.portal.urls")),
    path("", include("capdev.editor.urls")),  # before projects: /projects/new/ and /projects/<id>/edit/
    path("", include("capdev.texts.urls")),  # the editor's /projects/<id>/translations/
    path("", include("capdev.accounts.urls")),
    path("", include("capdev.reports.urls")),  # before projects: /projects/<id>/factsheet.pdf
    path("", include("capdev.projects.urls")),
    path("", include("capdev.people.urls")),
    path("", include("capdev.activities.urls")),
    path("", include("capdev.reference.urls")),
    path("", include("capdev.organisations.urls")),
    path("", include("capdev.iati.urls")),
    path("", include("capdev.imports.urls")),
    path("", include("capdev.assessments.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

handler400 = "capdev.core.errors.bad_request"
handler403 = "capdev.core.errors.permission_denied"
handler404 = "capdev.core.errors.page_not_found"
handler500 = "capdev.core.errors.server_error"
