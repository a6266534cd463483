"""Fields of the practice profile in fi/sv/en (django-modeltranslation); Finnish is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import PracticeProfile


@register(PracticeProfile)
class PracticeProfileTranslation(TranslationOptions):
    fields = ("titles", "intro_short", "intro_long", "portrait_alt")
