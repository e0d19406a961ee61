from django import forms

CODE_REFUSED = "This code is not valid (or was used already). Check the time on your phone."


class SecondFactorForm(forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )
