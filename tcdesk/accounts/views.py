"""The signed-in user's own pages: profile, roles and API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services


def profile(request: HttpRequest) -> HttpResponse:
    assignments = request.user.role_assignments.select_related("country", "organisation")
    tokens = request.user.api_tokens.all()
    return render(request, "accounts/profile.html", {"assignments": assignments, "tokens": tokens})


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Only the user's own tokens are reachable: anyone else's answers 404.
    token = get_object_or_404(request.user.api_tokens.all(), pk=token_id)
    services.api_token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("accounts:profile")
