"""Sign-in forms with a shared limit on attempts (web and administration site alike)."""

from __future__ import annotations

import math

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .throttling import sign_in_attempt


class ThrottledSignInMixin:
    """Counts each attempt (by address, and by account unless the password proves right, in the shared
    cache) before checking the password; past a limit the form says how long to wait, and the password
    is not checked."""

    def clean(self):
        attempt = sign_in_attempt(self.request, self.data.get("username", ""))  # type: ignore[attr-defined]
        if attempt.wait is not None:
            minutes = max(1, math.ceil(attempt.wait / 60))
            raise forms.ValidationError(
                _("Too many sign-in attempts. Try again in %(minutes)s minute(s).") % {"minutes": minutes},
                code="throttled",
            )
        try:
            return super().clean()  # type: ignore[misc]
        finally:
            # Right password (even for an account that may not sign in here): not a guess.
            if getattr(self, "user_cache", None) is not None:
                attempt.succeeded()


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
