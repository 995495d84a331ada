"""The sections assessments add to the country page, the project page and the dashboard (capdev.core.panels)."""
from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from capdev.accounts import permissions as perms
from capdev.core import fields, panels
from capdev.core.charts import Chart, Series
from capdev.core.params import InvalidParameters, Parameters
from capdev.projects.filtersets import is_staff_request

from . import series
from .filtersets import visible_assessments
from .models import Dimension, Framework

DIMENSION_PARAM = "assessment_dimension"  # the dashboard's choice: "<framework slug>:<dimension code>"


def country_panel(request, country) -> panels.Panel | None:
    """Latest scores per dimension, the change since the previous assessment, charts, and the projects working
    on the weak dimensions; nothing for the public when the country has no visible assessment."""
    histories, institutions = series.country_history(request, country)
    staff = is_staff_request(request)
    if not histories and not institutions and not staff:
        return None
    return panels.Panel("assessments/_country_panel.html", {
        "country": country, "histories": histories, "institutions": institutions,
        "csv_url": reverse("assessments:country_csv", args=[country.pk]),
        "list_url": f"{reverse('assessments:list')}?{urlencode({'country': country.pk})}",
        "can_enter": perms.can_edit_assessments(request.user),
        "new_url": f"{reverse('assessments:create')}?{urlencode({'country': country.pk})}",
    }, needs_charts=bool(histories))


def project_panel(request, project) -> panels.Panel | None:
    """Its countries' assessments before and after its time frame."""
    items = series.project_before_after(request, project)
    if not items:
        return None
    return panels.Panel("assessments/_project_panel.html", {"project": project, "items": items})


def dimension_choices(request) -> list[tuple[Framework, list[Dimension]]]:
    """The frameworks with visible assessments and their dimensions, for the dashboard's choice."""
    used = visible_assessments(request).values("framework")
    frameworks = list(Framework.objects.filter(pk__in=used).prefetch_related("dimensions").order_by("name"))
    return [(f, list(f.dimensions.all())) for f in frameworks if f.dimensions.all()]


# "<framework slug>:<dimension code>", each part as frameworks.py reads them.
DIMENSION = fields.Code(gettext_lazy("assessed dimension (framework:dimension)"),
                        r"[a-z0-9]+(?:[-_.][a-z0-9]+)*:[a-z0-9]+(?:[-_.][a-z0-9]+)*", 150)


def chosen_dimension(request, params: QueryDict, choices) -> Dimension | None:
    """The dimension the parameters name, else the first one offered; InvalidParameters (a 400 naming the
    parameter) for one that is not offered: no visible assessment scores it."""
    wanted = Parameters(**{DIMENSION_PARAM: DIMENSION}).read(request, params)[DIMENSION_PARAM]
    if wanted is None:
        return choices[0][1][0] if choices else None
    slug, _sep, code = wanted.partition(":")
    for framework, dimensions in choices:
        for d in dimensions:
            if framework.slug == slug and d.code == code:
                return d
    raise InvalidParameters({DIMENSION_PARAM: [
        _("“%(value)s” is not a dimension of a framework whose assessments can be compared.") % {"value": wanted}]})


def comparison(request, params: QueryDict):
    """(choices, dimension, rows, chart, filtered) of the countries compared on a dimension for these project
    filters (filtered: whether a project filter narrowed the countries)."""
    choices = dimension_choices(request)
    dimension = chosen_dimension(request, params, choices)
    if dimension is None:
        return choices, None, [], None, False
    countries = series.countries_of_projects(request, params)
    rows = series.compare_countries(request, dimension, countries)
    low, high = (float(v) for v in dimension.framework.scale_range)
    query = params.copy()
    query[DIMENSION_PARAM] = f"{dimension.framework.slug}:{dimension.code}"
    chart = Chart(id="assessment-comparison", kind="hbar", title=_("%(dimension)s: latest score per country")
                  % {"dimension": dimension.name}, labels=[r.country.name for r in rows],
                  series=[Series(_("Score"), [float(r.score) for r in rows])], links=[r.url for r in rows],
                  label_heading=_("Country"), scale_min=low, scale_max=high, value_format="score",
                  csv_url=f"{reverse('assessments:compare_csv')}?{query.urlencode()}",
                  caption=_("Each country's latest national assessment with %(framework)s.")
                  % {"framework": dimension.framework.name})
    return choices, dimension, rows, chart, countries is not None


def dashboard_panel(request, _obj=None) -> panels.Panel | None:
    """Countries compared on a dimension, for the dashboard's filters; nothing when no assessment is visible."""
    choices, dimension, rows, chart, filtered = comparison(request, request.GET)
    if dimension is None:
        return None
    hidden = [(k, v) for k, values in request.GET.lists() if k != DIMENSION_PARAM for v in values]
    return panels.Panel("assessments/_dashboard_panel.html", {
        "choices": choices, "dimension": dimension, "rows": rows, "chart": chart, "hidden": hidden,
        "param": DIMENSION_PARAM, "filtered": filtered,
    }, needs_charts=True)


panels.register("country", country_panel, name="assessments")
panels.register("project-main", project_panel, name="assessments")
panels.register("dashboard", dashboard_panel, name="assessments")
