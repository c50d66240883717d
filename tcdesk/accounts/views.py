"""The signed-in user's own pages: profile, roles, API tokens, password change (and reset, signed out)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import load_for_user, requires
from .forms import SignInForm, TokenCreateForm
from .models import ApiToken
from .permissions import CHANGE_PASSWORD, CHANGE_PREFERENCES, CREATE_TOKEN, REVOKE_TOKEN, VIEW_PROFILE


def _profile(request: HttpRequest, *, form: TokenCreateForm | None = None, new_key: str = "", status: int = 200):
    assignments = request.user.role_assignments.select_related("country", "organisation")
    tokens = ApiToken.objects.for_user(request.user)
    context = {
        "assignments": assignments,
        "tokens": tokens,
        "token_form": form or TokenCreateForm(),
        "new_key": new_key,
        "languages": settings.LANGUAGES,
    }
    return render(request, "accounts/profile.html", context, status=status)


@requires(VIEW_PROFILE)
def profile(request: HttpRequest) -> HttpResponse:
    return _profile(request)


@require_POST
@requires(CREATE_TOKEN)
def token_create(request: HttpRequest) -> HttpResponse:
    """A named token, its key shown once on the answer (it is stored hashed)."""
    form = TokenCreateForm(request.POST)
    if not form.is_valid():
        return _profile(request, form=form, status=422)
    try:
        _token, raw_key = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
    except ValidationError as exc:
        form.add_error("name", exc.messages)
        return _profile(request, form=form, status=422)
    return _profile(request, new_key=raw_key)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm


class PasswordChangeView(auth_views.PasswordChangeView):
    """Every user changes their own password; their API tokens are revoked with the old one."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=self.request.user)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link of the reset e-mail; the new password revokes the user's API tokens."""

    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.api_tokens_revoke_all(user=form.user)
        return response


password_change = requires(CHANGE_PASSWORD)(PasswordChangeView.as_view())
password_change_done = requires(CHANGE_PASSWORD)(
    auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html")
)


@require_POST
@requires(REVOKE_TOKEN, per_object=True)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Only the user's own tokens are in sight: anyone else's answers 404.
    token = load_for_user(request.user, ApiToken, REVOKE_TOKEN, pk=token_id)
    services.api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")


@require_POST
@requires(CHANGE_PREFERENCES)
def language_set(request: HttpRequest) -> HttpResponse:
    """Save the user's language (from the profile or the header's switcher) and show the page in it."""
    language = request.POST.get("language", "")
    try:
        services.user_language_set(user=request.user, language=language)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("accounts:profile")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if language:
        translation.activate(language)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        messages.success(request, _("Language saved: pages and e-mails will be in this language."))
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        messages.success(request, _("Language saved: pages follow your browser."))
    return response
