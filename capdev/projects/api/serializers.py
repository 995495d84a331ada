"""API serializers for projects: a compact list row, and the record shape shared with import and export."""
from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from capdev.core import fields
from capdev.core.views import partial_iso
from capdev.narrative.types import ACTIVITY_TYPES, BUDGET_KINDS, RESOURCE_TYPES, json_number
from capdev.projects.models import ProjectPartner, ProjectStatus, RelationKind, ReviewState, project_budget_lines
from capdev.projects.records import relation_entries

INTERNAL_KEYS = ("flags", "spans", "unparsed", "source", "partners_text")


def date_field(**kwargs) -> fields.ApiValueField:
    """A date at its precision ("2010", "2010-02", "2010-02-03"), in the editor's years; optional."""
    return fields.ApiValueField(fields.PARTIAL_DATE, **{"required": False, "allow_null": True, **kwargs})


def number_field(definition: fields.WholeNumber, **kwargs) -> fields.ApiValueField:
    """A whole number of a definition (a year, a count); optional."""
    return fields.ApiValueField(definition, **{"required": False, "allow_null": True, **kwargs})


# Text fields are bounded by their columns (the loader would otherwise cut what the importer's text overflows).
class PartnerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    acronym = serializers.CharField(max_length=40, allow_null=True, required=False, allow_blank=True)
    role = serializers.ChoiceField(choices=ProjectPartner.Role.values, default="cooperating")
    type = serializers.CharField(max_length=12, allow_null=True, required=False, allow_blank=True)
    text = serializers.CharField(max_length=300, required=False, allow_blank=True,
                                 help_text="the name as the record writes it")


class BudgetSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, min_value=0, coerce_to_string=False)
    currency = fields.ApiValueField(fields.CURRENCY, help_text="ISO 4217")
    kind = serializers.ChoiceField(choices=BUDGET_KINDS, default="total")
    label = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    period_start = fields.ApiValueField(fields.DAY, required=False, allow_null=True)
    period_end = fields.ApiValueField(fields.DAY, required=False, allow_null=True)

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and end.last_day() < start.first_day():
            raise serializers.ValidationError({"period_end": "The period cannot end before it starts."})
        return attrs


class IndicatorValueSerializer(serializers.Serializer):
    """What an indicator measured in one period, and its target for it."""

    period_start = fields.ApiValueField(fields.DAY)
    period_end = fields.ApiValueField(fields.DAY)
    actual = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True, required=False,
                                      coerce_to_string=False)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True, required=False,
                                      coerce_to_string=False)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if attrs["period_end"].last_day() < attrs["period_start"].first_day():
            raise serializers.ValidationError({"period_end": "The period cannot end before it starts."})
        return attrs


class IndicatorSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    unit = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    ascending = serializers.BooleanField(default=True)
    baseline = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True, required=False,
                                        coerce_to_string=False)
    baseline_year = number_field(fields.YEAR)
    target = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True, required=False,
                                      coerce_to_string=False)
    target_year = number_field(fields.YEAR)
    values = IndicatorValueSerializer(many=True, required=False, default=list)


class OutcomeSerializer(serializers.Serializer):
    text = serializers.CharField()
    target_year = number_field(fields.YEAR)
    number = number_field(fields.SMALL_COUNT)
    indicators = IndicatorSerializer(many=True, required=False, default=list)


class EventSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=ACTIVITY_TYPES)
    title = serializers.CharField(max_length=500, allow_blank=True, required=False, default="")
    start = date_field()
    end = date_field()
    dates_text = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    country = fields.ApiValueField(fields.COUNTRY, allow_null=True, required=False)
    city = serializers.CharField(max_length=120, allow_null=True, required=False, allow_blank=True)
    online = serializers.BooleanField(default=False)
    participants = number_field(fields.PARTICIPANTS)
    participants_qualifier = serializers.CharField(max_length=20, allow_null=True, required=False, allow_blank=True)
    participants_profile = serializers.CharField(max_length=300, allow_null=True, required=False, allow_blank=True)
    participant_countries = number_field(fields.COUNTRIES_REPRESENTED)
    organisers = serializers.ListField(child=serializers.CharField(max_length=300), required=False, default=list,
                                       max_length=fields.MAX_VALUES)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    recalled = serializers.BooleanField(default=False, help_text="held before the project began, told as its "
                                                                   "history: kept, never counted")

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end.last_day() < start.first_day():
            raise serializers.ValidationError({"end": "The end cannot be before the start."})
        return attrs


class ResourceSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=RESOURCE_TYPES, default="other")
    title = serializers.CharField(max_length=500)
    url = serializers.URLField(max_length=1000, allow_null=True, required=False, allow_blank=True)
    date = date_field()
    language = serializers.CharField(allow_null=True, required=False, allow_blank=True, max_length=8)


class SectorSerializer(serializers.Serializer):
    vocabulary = serializers.CharField(max_length=3)
    code = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    percentage = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100,
                                          allow_null=True, required=False, coerce_to_string=False)


class BeneficiariesSerializer(serializers.Serializer):
    direct = serializers.CharField(required=False, allow_blank=True, default="")
    indirect = serializers.CharField(required=False, allow_blank=True, default="")


class RecordSerializer(serializers.Serializer):
    """A project in the record shape: what `import-legacy --json` prints and `import-json` reads."""

    code = serializers.CharField(max_length=40, allow_null=True, required=False, allow_blank=True)
    iati_identifier = serializers.CharField(max_length=200, allow_null=True, required=False, allow_blank=True)
    title = serializers.CharField(max_length=500)
    title_is_proposed = serializers.BooleanField(default=False)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    objective = serializers.CharField(required=False, allow_blank=True, default="")
    background = serializers.CharField(required=False, allow_blank=True, default="")
    expected_accomplishments = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    planned_activities = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    key_accomplishments = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    accomplishments_as_of = date_field()
    accomplishments_to_date = serializers.BooleanField(default=False)
    partners = PartnerSerializer(many=True, required=False, default=list)
    lead_unit = serializers.CharField(max_length=20, allow_null=True, required=False, help_text="unit code, e.g. PACB")
    funding_source = serializers.CharField(max_length=60, allow_null=True, required=False)
    budgets = BudgetSerializer(many=True, required=False, default=list)
    start = date_field()
    end = date_field()
    status = serializers.ChoiceField(choices=ProjectStatus.values, allow_null=True, required=False,
                                     help_text="set only to override the status derived from the dates")
    region = serializers.CharField(allow_null=True, required=False)
    regions = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    countries = fields.ApiValuesField(fields.COUNTRY, fields.MAX_COUNTRIES, required=False, default=list)
    country_percentages = serializers.DictField(child=serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, coerce_to_string=False), required=False,
        default=dict, help_text="a percentage for some of `countries`, by code")
    sectors = SectorSerializer(many=True, required=False, default=list)
    sdgs = fields.ApiValuesField(fields.SDG_GOAL, required=False, default=list)
    sdg_targets = fields.ApiValuesField(fields.SDG_TARGET, required=False, default=list)
    thematic_areas = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list)
    beneficiaries = BeneficiariesSerializer(required=False)
    outcomes = OutcomeSerializer(many=True, required=False, default=list)
    activities = EventSerializer(many=True, required=False, default=list)
    resources = ResourceSerializer(many=True, required=False, default=list)

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and end.last_day() < start.first_day():
            raise serializers.ValidationError({"end": "The end cannot be before the start."})
        percentages = {}
        for code, value in (attrs.get("country_percentages") or {}).items():
            code = code.upper() if isinstance(code, str) else code
            if code not in attrs.get("countries", []):
                raise serializers.ValidationError({"country_percentages": [
                    f"“{str(code)[:fields.QUOTED]}” is not one of the record's countries."]})
            percentages[code] = value
        if "country_percentages" in attrs:
            attrs["country_percentages"] = percentages
        return attrs


class RelatedProjectSerializer(serializers.Serializer):
    """The other project of a relation (output only)."""

    id = serializers.IntegerField()
    code = serializers.CharField(allow_null=True)
    iati_identifier = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


class RelationSerializer(serializers.Serializer):
    """A relation as the project reads it (output only): what the other project is to this one."""

    kind = serializers.ChoiceField(choices=RelationKind.values, help_text=(
        "previous_phase: the other project came first and this one continues it; follow_up: the other came "
        "after, continuing this one; related; duplicate: the same project recorded twice"))
    note = serializers.CharField(allow_blank=True)
    project = RelatedProjectSerializer()
    index = serializers.IntegerField(required=False, help_text="the other project's place in the same export")


class ProjectDetailSerializer(RecordSerializer):
    """A project as the API shows it: the record shape, with its id, page, status, review state and relations."""

    relations = RelationSerializer(many=True, read_only=True)
    related_to = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=(
        "the related projects' codes (IATI identifiers for those without one), as the import reads them"))
    id = serializers.IntegerField(read_only=True)
    url = serializers.CharField(read_only=True)
    current_status = serializers.CharField(read_only=True, allow_null=True)
    review_state = serializers.ChoiceField(choices=ReviewState.values, read_only=True)
    last_updated = serializers.DateTimeField(read_only=True)
    language = serializers.CharField(read_only=True, help_text="the language the texts are written in")
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()), read_only=True,
        help_text="the texts in other UN languages, {language: {title, summary, objective, background}} (each "
                  "outcome has its own, {language: text}); change them at /api/projects/<id>/translations/")


def project_detail_data(project, record, internal: bool, people_exact: bool = False) -> dict:
    """The detail payload: the record's JSON shape plus the project's identity, state and relations (the project
    comes from with_record_data(); internal: the caller is staff, who see unpublished related projects too;
    people_exact: the caller may see the project's people, so its computed indicators' small values too)."""
    from capdev.people.presentation import indicator_values_shown

    data = record.to_json()
    indicator_values_shown(project, data, people_exact)
    if not internal:
        for key in INTERNAL_KEYS:
            data.pop(key, None)
    data["relations"] = relation_entries(project, internal)
    if not data.get("related_to"):
        data["related_to"] = [e["project"]["code"] or e["project"]["iati_identifier"] for e in data["relations"]]
    data.update(id=project.pk, url=reverse("projects:detail", args=[project.pk]), current_status=project.status,
                review_state=project.review_state, last_updated=project.last_updated, language=project.language)
    add_translations(project, data)
    return data


def add_translations(project, data: dict) -> None:
    """The texts' translations (capdev.texts), from the rows with_record_data prefetched: {"fr": {"title": ...}}
    on the project, {"fr": ...} on each outcome (the record's outcomes are the project's, in the same order)."""
    texts: dict[str, dict[str, str]] = {}
    for t in sorted(project.text_translations.all(), key=lambda t: (t.language, t.field)):
        texts.setdefault(t.language, {})[t.field] = t.text
    data["translations"] = texts
    for entry, outcome in zip(data.get("outcomes") or [], project.outcomes.all()):
        entry["translations"] = {t.language: t.text for t in sorted(outcome.translations.all(),
                                                                    key=lambda t: t.language)}


class BudgetLineSerializer(serializers.Serializer):
    """A budget line in the list (output only): the record shape's fields, its year, and whether it is counted."""

    amount = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False,
                                      help_text="an integer where whole, as in the project detail")
    currency = serializers.CharField(help_text="ISO 4217")
    kind = serializers.ChoiceField(choices=BUDGET_KINDS)
    label = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    counted = serializers.BooleanField(help_text="whether the project's budget (budget_total) adds this line")


class BudgetTotalSerializer(serializers.Serializer):
    """A project's budget in one currency (output only)."""

    currency = serializers.CharField(help_text="ISO 4217")
    amount = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False,
                                      help_text="an integer where whole, as in the project detail")


class ProjectListSerializer(serializers.Serializer):
    """A project in a list: the facts, without its lists (GET the detail for those)."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    code = serializers.CharField()
    iati_identifier = serializers.CharField()
    title = serializers.CharField()
    lead_unit = serializers.CharField(source="lead_unit.code", default=None)
    funding_source = serializers.CharField(source="funding_source.code", default=None)
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    status = serializers.CharField()
    review_state = serializers.CharField()
    countries = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    sdgs = serializers.SerializerMethodField()
    budgets = serializers.SerializerMethodField()
    budget_total = serializers.SerializerMethodField(
        help_text="the project's budget per currency by the one rule: its total lines where it has any, else its "
                  "other lines, a revised line replacing the original of its kind and period (the counted lines)")
    last_updated = serializers.DateTimeField()

    def get_url(self, p) -> str:
        return reverse("projects:detail", args=[p.pk])

    def get_start(self, p) -> str | None:
        return partial_iso(p.start_date, p.start_precision)

    def get_end(self, p) -> str | None:
        return partial_iso(p.end_date, p.end_precision)

    def get_countries(self, p) -> list[str]:
        return [link.country_id for link in p.country_links.all()]

    def get_regions(self, p) -> list[str]:
        return [link.region.name for link in p.region_links.all()]

    def get_sdgs(self, p) -> list[int]:
        return [link.goal_id for link in p.sdg_goal_links.all()]

    @extend_schema_field(BudgetLineSerializer(many=True))
    def get_budgets(self, p) -> list[dict]:
        counted = {b.pk for b in project_budget_lines(p.budgets.all())}
        # Amounts as the detail writes them (json_number), so that one project's lines read alike in both.
        return [{"amount": json_number(b.amount), "currency": b.currency_id, "kind": b.kind, "label": b.label,
                 "year": b.year, "period_start": b.period_start.isoformat() if b.period_start else None,
                 "period_end": b.period_end.isoformat() if b.period_end else None, "counted": b.pk in counted}
                for b in p.budgets.all()]

    @extend_schema_field(BudgetTotalSerializer(many=True))
    def get_budget_total(self, p) -> list[dict]:
        sums: dict[str, Decimal] = {}
        for b in project_budget_lines(p.budgets.all()):
            sums[b.currency_id] = sums.get(b.currency_id, Decimal(0)) + b.amount  # currencies are never added
        return [{"currency": currency, "amount": json_number(amount)} for currency, amount in sums.items()]
