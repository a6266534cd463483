"""Fields shown to clients in three languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import SessionType


@register(SessionType)
class SessionTypeTranslation(TranslationOptions):
    fields = ("name", "description")
