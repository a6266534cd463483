"""Fields of the site's content in fi/sv/en (django-modeltranslation); Finnish is the fallback."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page, PageItem, Price


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "meta_description", "summary", "lead", "body")


@register(PageItem)
class PageItemTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Price)
class PriceTranslation(TranslationOptions):
    fields = ("name", "unit", "note")
