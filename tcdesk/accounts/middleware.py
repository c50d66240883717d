"""Pages need a signed-in user unless marked `@login_not_required`; the API has its own auth."""

from django.contrib.auth.middleware import LoginRequiredMiddleware


class LoginRequiredPagesMiddleware(LoginRequiredMiddleware):
    exempt_prefixes = ("/api/", "/admin/", "/static/", "/i18n/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.exempt_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
