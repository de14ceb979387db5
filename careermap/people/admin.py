"""People, teams and sign-ins, for system administrators (see careermap/core/admin.py): records
and accounts, never what anyone wrote about their career."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from careermap import access
from careermap.core.admin import HidesCareerContent

from .models import Person, Team, User


@admin.register(User)
class UserAdmin(HidesCareerContent, BaseUserAdmin):
    ordering = ["email"]
    # Being a superuser is what makes a system administrator (careermap/access.py): is_staff
    # no longer decides anything, so it is not offered here.
    list_display = ["email", "is_active", "is_superuser", "last_login"]
    search_fields = ["email"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Permissions", {"fields": ("is_active", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    list_filter = ["is_active", "is_superuser"]
    deletes_with_it = (
        "Only the sign-in goes: the person it belongs to, and their career records, stay "
        "(without a sign-in until one is linked again)."
    )


@admin.register(Team)
class TeamAdmin(HidesCareerContent):
    search_fields = ["name"]
    deletes_with_it = "The people in the team stay, with no team."


@admin.register(Person)
class PersonAdmin(HidesCareerContent):
    list_display = ["name", "email", "job_title", "team", "manager", "is_hr_admin"]
    list_select_related = ["team", "manager"]
    search_fields = ["name", "email", "job_title"]
    list_filter = ["is_hr_admin", "team"]
    raw_id_fields = ["manager", "user"]
    readonly_fields = ["version", "updated_at"]
    erasure_note = (
        "A person is never deleted here. To remove their data, an HR admin uses “Erase their "
        "data…” on the person's page in Careermap: it keeps what the organisation must keep, "
        "leaves the other person's notes in shared conversations alone, and is recorded."
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        return access.can_delete_person_in_admin(request.user)

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        return [(name, {**options, "description": self.erasure_note}), *rest]
