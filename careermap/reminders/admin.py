"""Delivery of reminders, for system administrators: whether and when they went out, never
what they say (a reminder's text and link speak about someone's development)."""

from django.contrib import admin, messages
from django.utils import timezone

from careermap.core.admin import HidesCareerContent

from . import services
from .models import Reminder


class DeliveryFilter(admin.SimpleListFilter):
    title = "e-mail"
    parameter_name = "email"
    INTERRUPTED = "interrupted"

    def lookups(self, request, model_admin):
        return [*Reminder.EMAIL_STATUSES, (self.INTERRUPTED, "Interrupted")]

    def queryset(self, request, queryset):
        if self.value() == self.INTERRUPTED:
            return queryset.filter(Reminder.interrupted(timezone.now()))
        if self.value():
            return queryset.filter(email_status=self.value())
        return queryset


@admin.register(Reminder)
class ReminderAdmin(HidesCareerContent):
    list_display = ["pk", "person", "kind", "delivery", "attempts", "last_error", "created_at"]
    list_select_related = ["person"]
    list_filter = [DeliveryFilter, "kind"]
    search_fields = ["person__name", "person__email"]
    fields = [
        "person",
        "kind",
        "created_at",
        "delivery",
        "attempts",
        "last_error",
        "next_attempt_at",
        "claimed_at",
        "emailed_at",
    ]
    readonly_fields = fields
    actions = ["retry_sending"]

    @admin.display(description="e-mail")
    def delivery(self, reminder: Reminder) -> str:
        if reminder.is_interrupted():
            return "Interrupted: may not have arrived"
        return reminder.get_email_status_display()

    @admin.action(description="Retry sending")
    def retry_sending(self, request, queryset):
        count = services.retry(queryset)
        self.message_user(
            request,
            f"{count} reminder{'s' if count != 1 else ''} will be sent again within 15 minutes "
            "(only failed or interrupted ones are retried).",
            messages.SUCCESS,
        )

    # Rows are written by the sweep and the delivery; here they are only looked at and retried.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
