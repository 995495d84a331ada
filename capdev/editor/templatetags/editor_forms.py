"""Template helpers for editor forms: widgets that point at their error and help text."""
from django import template

register = template.Library()


@register.simple_tag
def described_widget(field):
    """Render a bound field's widget with aria-describedby (help, error) and aria-invalid when in error."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field) -> bool:
    """True for a checkbox, whose label follows it."""
    return getattr(field.field.widget, "input_type", None) == "checkbox"
