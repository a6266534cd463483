"""Changing the practice profile: the one write, with its picture work and its history."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from . import images
from .models import PORTRAIT_DIR, PracticeProfile, ProfileChange

# Kept out of the history: set by the save itself, or shown through their per-language columns.
NOT_RECORDED = {
    "id",
    "updated_at",
    "portrait_variants",
    "titles",
    "intro_short",
    "intro_long",
    "portrait_alt",
}


def _new_upload(profile: PracticeProfile) -> UploadedFile | None:
    file = profile.portrait and getattr(profile.portrait, "file", None)
    if isinstance(file, UploadedFile) and not profile.portrait._committed:
        return file
    return None


def _value(profile: PracticeProfile | None, field) -> str | bool | None:
    value = getattr(profile, field.attname) if profile is not None else None
    return value if isinstance(value, bool) else str(value or "")


def _changes(before: PracticeProfile | None, after: PracticeProfile) -> dict:
    """{field: [old, new]} of what differs (a new portrait by its file name)."""
    fields = [f for f in PracticeProfile._meta.concrete_fields if f.name not in NOT_RECORDED]
    return {
        field.name: [_value(before, field), _value(after, field)]
        for field in fields
        if _value(before, field) != _value(after, field)
    }


def _portrait_files(profile: PracticeProfile | None) -> list[str]:
    if profile is None or not profile.portrait:
        return []
    return [profile.portrait.name, *(variant["name"] for variant in profile.portrait_variants)]


def profile_save(*, profile: PracticeProfile, by=None) -> PracticeProfile:
    """Saves the edited profile (pk 1) and records who changed what.

    A newly uploaded portrait is checked by its content, stripped of EXIF/GPS and stored as
    AVIF/WebP/JPEG variants; a replaced or cleared portrait's files are deleted once the change has
    committed. Raises ValidationError on bad values or a file that is not a photo; never leaves a
    half-saved profile (files written for a change that fails are deleted again)."""
    profile.pk = 1
    upload = _new_upload(profile)
    if upload is not None:
        images.check_upload(upload)
    profile.full_clean()
    written: list[str] = []
    try:
        if upload is not None:
            master, variants = images.make_variants(upload, directory=PORTRAIT_DIR)
            written = [master, *(variant.name for variant in variants)]
            profile.portrait = master
            profile.portrait_variants = [variant.as_dict() for variant in variants]
        elif not profile.portrait:
            profile.portrait_variants = []
        with transaction.atomic():
            before = PracticeProfile.objects.select_for_update().filter(pk=1).first()
            changes = _changes(before, profile)
            profile.save()
            if changes:
                ProfileChange.objects.create(by=by, changes=changes)
            unused = set(_portrait_files(before)) - set(_portrait_files(profile))
            transaction.on_commit(lambda: images.delete_files(sorted(unused)))
    except BaseException:
        images.delete_files(written)
        raise
    return profile
