from typing import Any

from django import forms

from apps.certificates.services import course_status_check


class CourseAdminForm(forms.ModelForm):
    """The course's admin form: the model's rules, and the status rule that certificates set.

    No ``Meta``: the admin builds the form for the course with the fields of its fieldsets.
    """

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if "status" in cleaned_data:
            course_status_check(course=self.instance, status=cleaned_data["status"])
        return cleaned_data
