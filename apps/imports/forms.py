"""The admin's import forms: the upload, and the confirmation that carries the file back.

Nothing is kept on the server between the preview and the confirmation (there may be several
app servers): the preview page holds the file itself, base64-encoded, beside a token signed
with ``SECRET_KEY`` that names the course, the file name and the file's SHA-256. The
confirmation applies exactly the bytes that were previewed, or nothing.
"""

import base64
import binascii
import hashlib
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.courses.models import Course

PREVIEW_SALT = "apps.imports.forms.preview"

FILE_TOO_LARGE_ERROR = _("The file is larger than %(limit)s, the most an import reads.")
TAMPERED_ERROR = _(
    "The file sent back is not the one that was previewed: nothing was imported. Upload the "
    "file again."
)
ROW_NUMBER_ERROR = _("“%(value)s” is not a row number.")


def upload_limit_text() -> str:
    return str(filesizeformat(settings.IMPORT_UPLOAD_MAX_BYTES))


class EnrolmentsImportUploadForm(forms.Form):
    """The spreadsheet to preview. A file over the limit was skipped by the upload handler,
    which says so (``too_large``), so that the form names the limit rather than a missing file.
    """

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "CSV (UTF-8, comma or semicolon) or XLSX (the first sheet); row 1 names the columns."
        ),
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.fields["file"].required = not too_large

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > settings.IMPORT_UPLOAD_MAX_BYTES:
            self._too_large()
        return upload

    def clean(self) -> dict[str, Any]:
        if self.too_large:
            self._too_large()
        return super().clean()

    def _too_large(self) -> None:
        raise ValidationError(
            {
                "file": ValidationError(
                    FILE_TOO_LARGE_ERROR, code="too_large", params={"limit": upload_limit_text()}
                )
            }
        )


class RowNumbersField(forms.Field):
    """The row numbers of the ticked checkboxes (one field name, several values)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> list[int]:
        numbers = []
        for item in value or []:
            try:
                number = int(item)
            except (TypeError, ValueError):
                number = 0
            if number < 2:  # row 1 is the header
                raise ValidationError(ROW_NUMBER_ERROR, code="invalid_row", params={"value": item})
            numbers.append(number)
        return numbers


class EnrolmentsImportConfirmForm(forms.Form):
    """The previewed file sent back, its signed token, and the probable matches accepted."""

    content = forms.CharField(widget=forms.HiddenInput, strip=False)
    token = forms.CharField(widget=forms.HiddenInput)
    accept_matches = RowNumbersField(required=False)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.course = course

    @classmethod
    def for_file(
        cls, *, course: Course, content: bytes, file_name: str
    ) -> "EnrolmentsImportConfirmForm":
        """The confirmation form a preview page carries for this file."""
        token = signing.dumps(
            {
                "course": course.pk,
                "file_name": file_name,
                "sha256": hashlib.sha256(content).hexdigest(),
            },
            salt=PREVIEW_SALT,
        )
        encoded = base64.urlsafe_b64encode(content).decode("ascii")
        return cls(course=course, initial={"content": encoded, "token": token})

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "content" not in cleaned or "token" not in cleaned:
            raise ValidationError(TAMPERED_ERROR, code="tampered")
        try:
            previewed = signing.loads(cleaned["token"], salt=PREVIEW_SALT)
            content = base64.urlsafe_b64decode(cleaned["content"].encode("ascii"))
        except (signing.BadSignature, binascii.Error, UnicodeEncodeError, ValueError) as error:
            raise ValidationError(TAMPERED_ERROR, code="tampered") from error
        if (
            previewed.get("course") != self.course.pk
            or previewed.get("sha256") != hashlib.sha256(content).hexdigest()
        ):
            raise ValidationError(TAMPERED_ERROR, code="tampered")
        cleaned["file"] = ContentFile(content, name=str(previewed.get("file_name", "")))
        return cleaned
