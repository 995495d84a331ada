"""Which published row each row of a working copy was copied from (capdev.editor.workflow).

Publishing a copy writes its rows back over those very rows, so that a published activity or indicator keeps its
id, and its URL, across edits; the review queue's diff pairs each copy row with the row it came from, so that a
changed date reads as one changed activity, not as every activity shifted by one.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class RowOrigin(models.Model):
    """One row of a working copy and the published row it stands for."""

    copy = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="row_origins",
                             verbose_name=_("working copy"))
    node = models.CharField(_("kind of row"), max_length=40)  # a capdev.editor.tree node name
    copy_row = models.BigIntegerField(_("row of the copy"))
    original_row = models.BigIntegerField(_("published row"))

    class Meta:
        verbose_name = _("row origin")
        verbose_name_plural = _("row origins")
        constraints = [models.UniqueConstraint(fields=["copy", "node", "copy_row"], name="editor_row_origin_unique")]

    def __str__(self) -> str:
        return f"{self.node} {self.copy_row} ← {self.original_row}"
