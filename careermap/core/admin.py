"""The admin site: for system administrators, who run the installation, and never a window
onto anyone's career.

Who may use it is decided in careermap/access.py (`is_system_admin`), the same rule that shows
the Admin link. The site names only the records it administers (people, teams, sign-ins,
reminder deliveries) and Django's own housekeeping; everything else Careermap holds
(conversations, notes, reflections, plans, assessments, check-ins) is career content, which a
system administrator must not read, nor learn exists.
"""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.utils import NestedObjects, quote
from django.core.exceptions import ValidationError
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst

from careermap import access


class AdminLoginForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        # Django's form asks for is_staff; Careermap's rule is access.is_system_admin.
        if not (user.is_active and access.is_system_admin(user)):
            raise ValidationError(
                "This sign-in is not a system administrator's: the admin site is only for them.",
                code="invalid_login",
            )


class AdminSite(admin.AdminSite):
    site_header = "Careermap administration"
    site_title = "Careermap"
    login_form = AdminLoginForm

    def has_permission(self, request):
        return request.user.is_active and access.is_system_admin(request.user)


class HidesCareerContent(admin.ModelAdmin):
    """Delete confirmations that list only what the admin site administers.

    Django's confirmation lists every related row that goes with the one deleted, by its text,
    and counts them: for a person that is their agenda items, next steps, plans, assessments,
    and the mere existence of private notes and reflections. Here those rows are left out, and
    `deletes_with_it` says in general words, the same for everyone, what goes with the record.
    """

    # Shown on every confirmation for this model, whatever the record holds: a sentence that
    # appeared only when there was something to hide would tell that there is.
    deletes_with_it: str = ""

    def get_deleted_objects(self, objs, request):
        if not len(objs):
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(self.model), origin=objs)
        collector.collect(objs)
        perms_needed: set[str] = set()

        def shown(obj):
            if not _administered(self.admin_site, obj):
                return None
            return _line(self.admin_site, request, obj, perms_needed)

        to_delete = _prune(collector.nested(shown))
        if self.deletes_with_it:
            to_delete.append(self.deletes_with_it)
        protected = [shown(obj) for obj in collector.protected]
        if any(line is None for line in protected):
            protected = [line for line in protected if line] + [
                "Careermap records that must be removed first (not shown here)."
            ]
        counts = {
            model._meta.verbose_name_plural: len(rows)
            for model, rows in collector.model_objs.items()
            if self.admin_site.is_registered(model) or not _careermap_model(model)
        }
        return to_delete, counts, perms_needed, protected


def _careermap_model(model) -> bool:
    return model.__module__.startswith("careermap.")


def _administered(site: admin.AdminSite, obj) -> bool:
    """Registered here, or one of Django's own housekeeping rows (sessions, admin log)."""
    return site.is_registered(type(obj)) or not _careermap_model(type(obj))


def _line(site: admin.AdminSite, request, obj, perms_needed: set[str]):
    """One row as Django's confirmation shows it: its kind, and a link when it has a page."""
    opts = obj._meta
    if site.is_registered(type(obj)):
        if not site.get_model_admin(type(obj)).has_delete_permission(request, obj):
            perms_needed.add(opts.verbose_name)
        try:
            url = reverse(
                f"{site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
            )
        except NoReverseMatch:
            pass
        else:
            return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)
    return f"{capfirst(opts.verbose_name)}: {obj}"


def _prune(nested: list) -> list:
    """Drop the hidden rows (None) and everything under them: what hangs off a conversation or
    a plan is career content too."""
    out: list = []
    skip_children = False
    for item in nested:
        if isinstance(item, list):
            if not skip_children:
                children = _prune(item)
                if children:
                    out.append(children)
            continue
        skip_children = item is None
        if not skip_children:
            out.append(item)
    return out
