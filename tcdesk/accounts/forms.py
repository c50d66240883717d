"""Sign-in forms with a shared limit on attempts (web and administration site alike)."""

from __future__ import annotations

import math

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .throttling import sign_in_wait


class ThrottledSignInMixin:
    """Counts each attempt (by address and by account, in the shared cache) before checking the
    password; past the limit the form says how long to wait, and the password is not checked."""

    def clean(self):
        wait = sign_in_wait(self.request, self.data.get("username", ""))  # type: ignore[attr-defined]
        if wait is not None:
            minutes = max(1, math.ceil(wait / 60))
            raise forms.ValidationError(
                _("Too many sign-in attempts. Try again in %(minutes)s minute(s).") % {"minutes": minutes},
                code="throttled",
            )
        return super().clean()  # type: ignore[misc]


class SignInForm(ThrottledSignInMixin, AuthenticationForm):
    pass


class AdminSignInForm(ThrottledSignInMixin, AdminAuthenticationForm):
    pass


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What will use the token, e.g. “monthly export script”."),
    )
