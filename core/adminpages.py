"""Admin pages of one form about one object (whose account a calendar is, who holds an event): the
admin's own context around the form, and 400 while a sent form has errors, as every form page here."""

from django.template.response import TemplateResponse


def object_form_page(model_admin, request, template: str, *, obj, title, form, **extra) -> TemplateResponse:
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "opts": model_admin.model._meta,
            "original": obj,
            "form": form,
            "error_forms": [form],
            **extra,
        },
        status=400 if form.is_bound else 200,
    )
