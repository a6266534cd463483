"""The demo's texts: every translated text it writes exists in Finnish, Swedish and English; its
Swedish and English clients' mails carry the place's directions and getting-in in their language,
and nothing promises a door code or other detail that no mail carries."""

import datetime as dt
import re

import pytest
import time_machine
from django.utils import translation
from modeltranslation.translator import translator

from bookings.models import Booking, Location, SessionType
from core.time import HELSINKI
from events.models import Event
from notifications.models import Message
from notifications.registry import builder_for
from practice.models import PracticeProfile
from tests.demo.test_command import _own_var, demo  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 24, 14, 0, tzinfo=HELSINKI)
PROMISES = re.compile(r"(ovikoodi|door code|portkod)[^.]*(lähetetään|sent|skickas)", re.IGNORECASE)


def test_every_demo_text_is_written_in_finnish_swedish_and_english():
    with time_machine.travel(NOW, tick=False):
        demo()
    missing = []
    for model in (SessionType, Location, Event, PracticeProfile):
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for name in fields:
                if getattr(row, f"{name}_fi", ""):
                    missing += [
                        f"{model.__name__} {row.pk} {name}_{code}"
                        for code in ("sv", "en")
                        if not getattr(row, f"{name}_{code}", "")
                    ]
    assert missing == []


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_the_demo_clients_mails_carry_the_place_in_their_language(language):
    with time_machine.travel(NOW, tick=False):
        demo()
        booking = (
            Booking.objects.filter(
                language=language, modality="in_person", session_type__location__isnull=False, start__gt=NOW
            )
            .select_related("session_type__location")
            .order_by("start")
            .first()
        )
        assert booking is not None, language
        place = booking.session_type.location
        message = Message.objects.filter(kind="booking_confirmed", target_id=booking.pk).first()
        with translation.override(language):
            email = builder_for(message.kind)(message)
    for text in (email.text, email.html):
        assert getattr(place, f"directions_{language}") in text
        assert getattr(place, f"entry_{language}") in text
        for other in {"fi", "sv", "en"} - {language}:
            assert getattr(place, f"directions_{other}") not in text
        assert not PROMISES.search(text)


def test_no_demo_place_promises_what_no_mail_brings():
    with time_machine.travel(NOW, tick=False):
        demo()
    for place in Location.objects.all():
        for code in ("fi", "sv", "en"):
            for name in ("directions", "entry", "parking"):
                assert not PROMISES.search(getattr(place, f"{name}_{code}") or ""), (place, name, code)
