"""Test helpers: submit a page's form as a browser would, and read a field's error beside it."""
from __future__ import annotations

import lxml.html


def form_values(response, action: str) -> dict[str, str]:
    """The values a browser would submit for the form posting to action (no button pressed)."""
    doc = lxml.html.fromstring(response.content.decode())
    for form in doc.forms:
        if form.get("action") == action:
            return dict(form.form_values())
    raise AssertionError(f"no form posting to {action}")


def error_beside(response, field_id: str) -> str:
    """The error text tied to a field through aria-describedby; asserts that the tie and aria-invalid exist."""
    doc = lxml.html.fromstring(response.content.decode())
    found = doc.get_element_by_id(field_id)
    assert found.get("aria-invalid") == "true", f"{field_id} is not marked invalid"
    ids = (found.get("aria-describedby") or "").split()
    assert f"{field_id}_error" in ids, f"{field_id} does not point at its error"
    error = doc.get_element_by_id(f"{field_id}_error")
    # Beside the field: in the same field wrapper as the input.
    assert error.getparent() is found.getparent(), "the error is not beside its field"
    return error.text_content().strip()


def publish(client, project, **extra):
    """Publish as a reviewer does: open the project's publish page, send its form (with the version it shows)."""
    from django.urls import reverse

    url = reverse("editor:publish", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    return client.post(url, {**form_values(page, url), **extra})


def revert(client, project, number: int):
    """Revert as an editor does: from the history page, with the versions that page shows."""
    from django.urls import reverse

    page = client.get(reverse("editor:history", args=[project.pk]))
    url = reverse("editor:revert", args=[project.pk, number])
    return client.post(url, form_values(page, url))
