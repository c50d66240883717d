"""The signed-in user's own pages: profile, roles and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .access import load_for_user, requires
from .models import ApiToken
from .permissions import REVOKE_TOKEN, VIEW_PROFILE


@requires(VIEW_PROFILE)
def profile(request: HttpRequest) -> HttpResponse:
    assignments = request.user.role_assignments.select_related("country", "organisation")
    tokens = ApiToken.objects.for_user(request.user)
    return render(request, "accounts/profile.html", {"assignments": assignments, "tokens": tokens})


@require_POST
@requires(REVOKE_TOKEN, per_object=True)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Only the user's own tokens are in sight: anyone else's answers 404.
    token = load_for_user(request.user, ApiToken, REVOKE_TOKEN, pk=token_id)
    services.api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")
