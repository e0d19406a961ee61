from django import forms
from django.utils.translation import gettext_lazy as _

CODE_REFUSED = _("This code is not valid (or was used already). Check the time on your phone.")


class SecondFactorForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
