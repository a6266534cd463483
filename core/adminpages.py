"""Admin pages of one form about one object (whose account a calendar is, who holds an event or a
case): the admin's own context around the form, 400 while a sent form has errors, as every form
page here; and the view around it, which runs the action and goes back to the object."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from core.exceptions import DomainError


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


def object_form_view(
    model_admin,
    request,
    template: str,
    *,
    obj,
    title,
    form,
    save: Callable[[dict], object],
    done: str | Callable[[dict], str],
    error_field: str | None = None,
):
    """GET shows the form; a valid POST runs `save(cleaned_data)` (the action), then goes back to
    the object's change page saying `done` (or `done(cleaned_data)`). A DomainError the action
    raises is shown next to `error_field`, or above the form, and nothing is saved."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as exc:
            form.add_error(error_field, exc.message)
        else:
            message = done(form.cleaned_data) if callable(done) else done
            model_admin.message_user(request, message, messages.SUCCESS)
            opts = model_admin.model._meta
            return redirect(
                f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_change", obj.pk
            )
    return object_form_page(model_admin, request, template, obj=obj, title=title, form=form)
