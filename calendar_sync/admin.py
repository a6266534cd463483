"""Admin for external calendars (busy times in) and the private calendar feed (bookings out).

Calendar addresses and app passwords are secrets: a staff member who is not a superuser sees and
edits only the calendars and the feed of their own practitioner. Every change goes through
bookings.actions: a saved calendar is read at once after the commit, "Sync now" reads the chosen
ones, deleting removes their busy times, and "Regenerate feed link" revokes the old link and shows
the new address once (only its hash is kept).
"""

from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bookings.access import calendars_in_view_of
from bookings.models import Practitioner
from privacy.admin import OutOfViewIs404
from privacy.models import PersonalLink

from .actions import calendar_feed_regenerate, external_calendar_delete, external_calendar_sync
from .feed import feed_url
from .kinds import FeedLink
from .models import URL_SCHEMES, CalendarFeed, ExternalCalendar

SOURCE_FIELDS = {"kind", "url", "username", "password"}


def _own(request, queryset, path: str = ""):
    """All for a superuser; only their own practitioner's rows for other staff (bookings.access).
    `path` leads from the rows to their practitioner ("" for practitioners themselves)."""
    own = Practitioner.objects.filter(calendars_in_view_of(request.user))
    return queryset.filter(**{f"{path}__in" if path else "pk__in": own})


class ExternalCalendarForm(forms.ModelForm):
    url = forms.CharField(
        label=_("address"),
        max_length=2000,
        validators=[URLValidator(schemes=URL_SCHEMES)],
        widget=forms.TextInput(attrs={"size": 80, "autocomplete": "off", "spellcheck": "false"}),
        help_text=ExternalCalendar._meta.get_field("url").help_text,
    )
    password = forms.CharField(
        label=_("CalDAV app password"),
        required=False,
        max_length=500,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep the saved password."),
    )

    class Meta:
        model = ExternalCalendar
        fields = ["practitioner", "name", "kind", "url", "username", "password", "active"]

    def clean_password(self):
        return self.cleaned_data["password"] or (self.instance.password if self.instance.pk else "")

    def clean(self):
        data = super().clean()
        if data.get("kind") == ExternalCalendar.Kind.CALDAV:
            if not data.get("username"):
                self.add_error("username", _("A CalDAV calendar needs a user name."))
            if not data.get("password"):
                self.add_error("password", _("A CalDAV calendar needs an app password."))
        return data


@admin.register(ExternalCalendar)
class ExternalCalendarAdmin(OutOfViewIs404, admin.ModelAdmin):
    form = ExternalCalendarForm
    list_display = [
        "__str__",
        "practitioner",
        "kind",
        "host",
        "active",
        "working",
        "last_success_at",
        "last_error",
    ]
    list_filter = ["kind", "active", "practitioner"]
    list_select_related = ["practitioner"]
    readonly_fields = ["working", "last_success_at", "last_attempt_at", "last_error", "busy_count"]
    actions = ["sync_now"]
    fieldsets = [
        (None, {"fields": ["practitioner", "name", "kind", "url", "active"]}),
        (_("CalDAV"), {"fields": ["username", "password"]}),
        (
            _("Status"),
            {"fields": ["working", "last_success_at", "last_attempt_at", "last_error", "busy_count"]},
        ),
    ]

    def get_queryset(self, request):
        return _own(request, super().get_queryset(request), "practitioner")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "practitioner":
            kwargs["queryset"] = _own(request, Practitioner.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("server"))
    def host(self, obj):
        return urlsplit(obj.url).hostname or "–"  # the whole address is a secret: the server only

    @admin.display(description=_("working"), boolean=True)
    def working(self, obj):
        if obj.last_attempt_at is None:
            return None
        return not obj.last_error

    @admin.display(description=_("busy times read"))
    def busy_count(self, obj):
        return len(obj.busy_times)

    def save_model(self, request, obj, form, change):
        if change and SOURCE_FIELDS & set(form.changed_data):
            # Another calendar now: the old one's busy times are no longer its last good data.
            obj.busy_times, obj.last_success_at, obj.last_error = [], None, ""
        super().save_model(request, obj, form, change)
        transaction.on_commit(lambda: self._sync(request, [obj]))

    def delete_model(self, request, obj):
        external_calendar_delete(calendar=obj)

    def delete_queryset(self, request, queryset):
        for calendar in queryset.select_related("practitioner"):
            external_calendar_delete(calendar=calendar)

    def _sync(self, request, calendars):
        for calendar in calendars:
            result = external_calendar_sync(calendar=calendar)
            if not calendar.active:
                continue
            if result.ok:
                self.message_user(
                    request,
                    ngettext(
                        "%(calendar)s: read, %(count)s busy time.",
                        "%(calendar)s: read, %(count)s busy times.",
                        result.busy_times,
                    )
                    % {"calendar": calendar, "count": result.busy_times},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    _("%(calendar)s: %(error)s The last good busy times are kept.")
                    % {"calendar": calendar, "error": result.error},
                    messages.WARNING,
                )

    @admin.action(description=_("Sync now"), permissions=["change"])
    def sync_now(self, request, queryset):
        self._sync(request, list(queryset.select_related("practitioner")))


@admin.register(CalendarFeed)
class CalendarFeedAdmin(OutOfViewIs404, admin.ModelAdmin):
    list_display = ["display_name", "feed_since"]
    fields = ["display_name", "feed_since"]
    readonly_fields = fields
    actions = ["regenerate"]

    def get_queryset(self, request):
        live = PersonalLink.objects.filter(
            purpose=FeedLink.FEED,
            target_type=ContentType.objects.get_for_model(Practitioner),
            target_id=OuterRef("pk"),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).order_by("-created_at")
        queryset = (
            super().get_queryset(request).annotate(feed_created_at=Subquery(live.values("created_at")[:1]))
        )
        return _own(request, queryset)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("feed link made"), ordering="feed_created_at")
    def feed_since(self, obj):
        return obj.feed_created_at or _("no feed link yet")

    @admin.action(
        description=_("Regenerate feed link (the old address stops working)"), permissions=["change"]
    )
    def regenerate(self, request, queryset):
        for practitioner in queryset:
            token = calendar_feed_regenerate(practitioner=practitioner)
            self.message_user(
                request,
                _(
                    "New feed address of %(name)s, shown only now: %(url)s — add it to your calendar app "
                    "as a subscription. The old address no longer works."
                )
                % {"name": practitioner.display_name, "url": feed_url(token)},
                messages.SUCCESS,
            )
