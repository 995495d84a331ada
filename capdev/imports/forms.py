"""The upload form, and the upload handler that stops reading a file past the size limit."""
from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import gettext_lazy as _

from capdev.accounts import permissions as perms
from capdev.sources.limits import human_size

# A table or export of projects (.csv, .tsv, .md, .yaml, a database dump .sql) is text the narrative parser reads row
# by row; a LaTeX, wiki or Org source (.tex, .wiki, .org) is text whose markup it blanks (narrative/typeset.py).
NARRATIVE_EXTENSIONS = (".txt", ".text", ".csv", ".tsv", ".tab", ".md", ".yaml", ".yml", ".sql", ".tex", ".wiki",
                        ".mediawiki", ".org", ".html", ".htm", ".docx", ".pdf")
IATI_EXTENSIONS = (".xml",)


class LimitedUpload(FileUploadHandler):
    """Passes upload chunks on until the file passes the limit, then skips the rest of it (never stored) and
    marks the request, so the form can say why the file is missing."""

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def new_file(self, *args, **kwargs):
        self.received = 0
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.capdev_upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler builds the file


def too_large_message() -> str:
    return _("The file is larger than the limit of %(limit)s. Split it, or import it with `capdev import-legacy`.") % {
        "limit": human_size(settings.CAPDEV_IMPORT_MAX_BYTES)}


class UploadForm(forms.Form):
    """A file to import, and the unit its records belong to when they name none."""

    file = forms.FileField(label=_("File"), help_text=_(
        "Project records as text (.txt), a table or export of projects (.csv, .tsv, .md, .yaml), a saved web page "
        "(.html), a Word document (.docx) or a PDF with text; or an IATI activity file (.xml)."))
    unit = forms.ModelChoiceField(label=_("Unit for records that name none"), queryset=None, required=False,
                                  empty_label=_("(none: the records must name their unit)"))

    def __init__(self, *args, user, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        units = perms.editable_units(user).order_by("code")
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: f"{u.code} – {u.name}"
        if perms.editable_unit_ids(user) is not None and units.count() == 1:
            self.fields["unit"].initial = units.first()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if self.too_large or (upload is not None and upload.size > settings.CAPDEV_IMPORT_MAX_BYTES):
            raise forms.ValidationError(too_large_message(), code="too_large")
        if upload is None:
            raise forms.ValidationError(_("Choose a file."), code="required")
        ext = PurePath(upload.name).suffix.lower()
        if ext not in NARRATIVE_EXTENSIONS + IATI_EXTENSIONS:
            raise forms.ValidationError(_("%(ext)s files cannot be imported: use .txt, .csv, .tsv, .md, .yaml, "
                                          ".html, .docx, .pdf or IATI .xml.") % {"ext": ext or _("Extension-less")},
                                        code="type")
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        return upload

    def full_clean(self):
        super().full_clean()
        if self.too_large and self.is_bound:
            # The file was cut off as it arrived (LimitedUpload): say so, rather than "this field is required".
            self._errors["file"] = self.error_class([too_large_message()])
            self.cleaned_data.pop("file", None)
