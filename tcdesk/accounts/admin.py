"""Administration of users, roles and scopes (Django admin, for administrators)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import AdminSignInForm
from .models import ApiToken, RoleAssignment, User

# The administration site's sign-in counts attempts like the web form's (accounts/throttling.py).
admin.site.login_form = AdminSignInForm


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["country", "organisation"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    inlines = [RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "roles"]
    list_filter = ["is_active", "role_assignments__role"]

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        return ", ".join(sorted(obj.role_codes()))


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["key_prefix", "user", "name", "created_at", "expires_at", "last_used_at"]
    readonly_fields = ["key_prefix", "key_hash", "created_at", "last_used_at"]
