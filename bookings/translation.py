"""Fields shown to clients in three languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Location, SessionType


@register(SessionType)
class SessionTypeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "address", "directions", "entry", "parking")
