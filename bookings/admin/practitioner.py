"""Practitioners in the workspace: their details and places. Working hours, date exceptions and
time off are edited in the workspace's weekly grid. Whose account a practitioner is changes only by
a superuser, with a recorded reason (privacy.access.Rule.ASSIGN): nobody can give themselves access."""

from django import forms
from django.contrib import admin
from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.adminpages import object_form_view
from privacy.access import Rule, may

from ..actions.practitioner import practitioner_assign_user, practitioner_create, staff_accounts
from ..models import Practitioner
from .places import LocationInline


class PractitionerAddForm(forms.ModelForm):
    """A superuser adds a practitioner for a staff account, with the reason (recorded)."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        help_text=_("Why this account gets a practitioner's calendar. Recorded with your name."),
    )

    class Meta:
        model = Practitioner
        fields = ["user", "display_name", "email", "phone", "language", "meeting_url", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff_accounts().filter(practitioner__isnull=True)


class AccountForm(forms.Form):
    """A superuser gives the practitioner's calendar to another staff account, with the reason."""

    user = forms.ModelChoiceField(label=_("Account"), queryset=staff_accounts())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        help_text=_("Recorded with your name. At most 1000 characters."),
    )


@admin.register(Practitioner)
class PractitionerAdmin(admin.ModelAdmin):
    list_display = ["display_name", "email", "is_active", "hours_link"]
    inlines = [LocationInline]
    search_fields = ["display_name", "email"]
    change_form_template = "bookings/admin/practitioner_change_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PractitionerAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*PractitionerAddForm._meta.fields, "reason"]
        return [
            "user",
            "display_name",
            "email",
            "phone",
            "language",
            "meeting_url",
            "is_active",
            "working_hours",
        ]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "working_hours"] if obj is not None else []

    def has_add_permission(self, request):
        return may(request.user, Rule.ASSIGN)

    def has_delete_permission(self, request, obj=None):
        # Whose calendar an account is: a superuser's to give (account_view) and to take away.
        return may(request.user, Rule.ASSIGN, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        data = {name: form.cleaned_data[name] for name in PractitionerAddForm._meta.fields}
        created = practitioner_create(by_user=request.user, reason=form.cleaned_data["reason"], **data)
        obj.pk = created.pk

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {
            "may_assign": obj is not None and may(request.user, Rule.ASSIGN, obj),
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/account/", view(self.account_view), name="bookings_practitioner_account"),
            *super().get_urls(),
        ]

    def account_view(self, request, pk):
        """A superuser gives the calendar to another staff account, with a reason."""
        practitioner = self.get_object(request, str(pk))
        if practitioner is None or not may(request.user, Rule.ASSIGN, practitioner):
            raise Http404
        form = AccountForm(request.POST or None, initial={"user": practitioner.user_id})
        return object_form_view(
            self,
            request,
            "bookings/admin/practitioner_account.html",
            obj=practitioner,
            title=_("Whose account this calendar is"),
            form=form,
            save=lambda data: practitioner_assign_user(
                practitioner=practitioner, user=data["user"], by_user=request.user, reason=data["reason"]
            ),
            done=_("The account was changed and the change recorded."),
            error_field="user",
        )

    @admin.display(description=_("working hours"))
    def hours_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:workspace_hours_grid", args=[obj.pk]), _("Weekly grid")
        )

    @admin.display(description=_("working hours"))
    def working_hours(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the practitioner first; then set the working hours in the weekly grid.")
        ranges = "; ".join(str(row) for row in obj.weekly_hours.order_by("weekday", "start_time"))
        return format_html(
            '<p>{}</p><p><a class="button" href="{}">{}</a></p>',
            ranges or _("No weekly hours yet: nothing can be booked."),
            reverse("admin:workspace_hours_grid", args=[obj.pk]),
            _("Edit the working hours, date exceptions and time off in the weekly grid"),
        )
