"""Fields shown to clients in three languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("fi",)
