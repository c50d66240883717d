"""Pages need a signed-in user unless marked `@login_not_required`; the API has its own auth."""

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.utils import translation


class LoginRequiredPagesMiddleware(LoginRequiredMiddleware):
    exempt_prefixes = ("/api/", "/admin/", "/static/", "/i18n/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.exempt_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PreferredLanguageMiddleware:
    """A signed-in user's pages are in the language of their profile (when they chose one), whatever the
    browser says. Runs after authentication; the language switcher of signed-in users saves the choice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
