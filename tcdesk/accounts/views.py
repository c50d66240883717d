"""The signed-in user's own pages: profile, roles and API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import load_for_user, requires
from .models import ApiToken
from .permissions import CHANGE_PREFERENCES, REVOKE_TOKEN, VIEW_PROFILE


@requires(VIEW_PROFILE)
def profile(request: HttpRequest) -> HttpResponse:
    assignments = request.user.role_assignments.select_related("country", "organisation")
    tokens = ApiToken.objects.for_user(request.user)
    return render(
        request,
        "accounts/profile.html",
        {"assignments": assignments, "tokens": tokens, "languages": settings.LANGUAGES},
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
