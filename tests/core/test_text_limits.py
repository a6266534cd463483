"""Every free-text field has a length limit, enforced next to the field and shown in its help
("Enintään 5 000 merkkiä."): on the models (model forms, admin included, inherit it) and on every
form field declared by hand."""

import importlib
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.forms import UsernameField
from django.db import models
from django.urls import reverse

from services.models import ServiceRequest

OURS = (
    "workspace",
    "api",
    "services",
    "invoicing",
    "mediation",
    "events",
    "series",
    "calendar_sync",
    "bookings",
    "notifications",
    "privacy",
    "practice",
    "core",
)


def _import_everything():
    for app in OURS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


# Written by the site itself, never typed into a form as they are.
NOT_TYPED = {
    "privacy.PersonalLink.sealed_token",  # privacy.links keeps a link's token
    "notifications.Message.last_error",  # the sender's last error
    "events.SeatBooking.health_answers",  # the health form's answers, each limited on its form
    "mediation.CheckIn.wants_meeting",  # one of three choices
}


def test_every_editable_text_field_of_a_model_has_a_length_limit():
    unlimited = [
        label
        for model in apps.get_models()
        if model._meta.app_label in OURS
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and field.editable and not field.max_length
        if (label := f"{model._meta.label}.{field.name}") not in NOT_TYPED
    ]
    assert unlimited == []


def test_every_text_field_of_every_form_has_a_length_limit():
    _import_everything()
    unlimited = sorted(
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in set(_subclasses(forms.BaseForm))
        if form.__module__.split(".")[0] in OURS
        for name, field in form.base_fields.items()
        if isinstance(field, forms.CharField)
        and not field.max_length
        and not field.disabled
        # A pattern bounds a RegexField; a password is no free text (and the sign-in form sets the
        # username's limit when it is made).
        and not isinstance(field, forms.RegexField | UsernameField)
        and not isinstance(field.widget, forms.PasswordInput)
    )
    assert unlimited == []


@pytest.mark.django_db
def test_an_overlong_request_message_is_refused_at_its_field_and_the_limit_is_shown(client):
    url = reverse("services:talks_request")
    page = client.get(url).content.decode()
    assert "Enintään 5\xa0000 merkkiä." in page
    response = client.post(url, {"message": "x" * 2_000_000, "organisation_name": "Esimerkki Oy"})
    assert response.status_code in (200, 400)
    form = response.context["form"]
    assert "message" in form.errors
    assert not ServiceRequest.objects.exists()
