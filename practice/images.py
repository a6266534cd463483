"""Uploaded pictures done properly: checked by their content, stripped of EXIF/GPS, and stored as
AVIF, WebP and JPEG at a few widths under content-addressed names (so they can be cached for ever).

`check_upload()` refuses what is not a photo (an SVG drawing, a renamed script, a broken or huge
file) with a message for the person uploading it; `make_variants()` writes the files to the default
storage (MEDIA_ROOT locally, an S3-compatible bucket in production) and describes them.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ACCEPTED = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "AVIF": "AVIF"}
MAX_UPLOAD_BYTES = 15 * 2**20
MAX_PIXELS = 50_000_000  # a 50-megapixel photo is plenty; more is refused before it is decoded
MIN_WIDTH = 320
WIDTHS = (320, 480, 640, 960)
MASTER_WIDTH = 1600
# (format, MIME type, file extension, first quality tried, Pillow options), best first: a <picture>
# lists its sources in this order and the browser takes the first it can show.
FORMATS = (
    ("avif", "image/avif", "avif", 60, {"speed": 6}),
    ("webp", "image/webp", "webp", 78, {"method": 6}),
    ("jpeg", "image/jpeg", "jpg", 80, {"optimize": True, "progressive": True}),
)
# At most this many bytes per pixel (0.11: a 640 × 800 portrait stays under 60 KB in any format);
# the quality steps down until a file fits, and never below LOWEST_QUALITY.
BYTES_PER_PIXEL = 0.11
LOWEST_QUALITY = 30
# Very tall or very wide pictures are cut to these proportions (height / width), keeping the top,
# where a face usually is.
TALLEST, WIDEST = 1.5, 1 / 1.5

NOT_A_PICTURE = _("This file is not a picture. Upload a photo as a JPEG, PNG, WebP or AVIF file.")
SVG_REFUSED = _(
    "SVG drawings are not accepted, because they can carry scripts. Upload a photo as a JPEG, PNG, "
    "WebP or AVIF file."
)


@dataclass(frozen=True)
class Variant:
    format: str
    width: int
    height: int
    name: str  # the storage name

    def as_dict(self) -> dict:
        return {"format": self.format, "width": self.width, "height": self.height, "name": self.name}


def _looks_like_svg(head: bytes, name: str) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return name.lower().endswith((".svg", ".svgz")) or text.startswith((b"<svg", b"<?xml", b"<!doctype svg"))


def check_upload(upload) -> None:
    """Raises ValidationError unless `upload` (a Django UploadedFile) is a photo we can use. Reads
    the content, never trusts the name or the browser's content type."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB). Upload a photo of at most 15 MB."),
            code="too_large",
            params={"size": f"{upload.size / 2**20:.0f}"},
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    if _looks_like_svg(head, upload.name or ""):
        raise ValidationError(SVG_REFUSED, code="svg")
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The picture is too large (%(pixels)s megapixels). Upload one of at most 50 megapixels."
                    ),
                    code="too_many_pixels",
                    params={"pixels": f"{width * height / 1e6:.0f}"},
                )
            image.verify()  # the file's structure (checksums, chunks)
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()  # and every pixel: a cut or corrupted file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(NOT_A_PICTURE, code="not_a_picture") from None
    finally:
        upload.seek(0)
    if kind not in ACCEPTED:
        raise ValidationError(NOT_A_PICTURE, code="not_a_picture")
    if min(width, height) < MIN_WIDTH:
        raise ValidationError(
            _(
                "The picture is too small (%(width)s × %(height)s pixels). Upload one at least 320 pixels "
                "on each side; 640 or more looks best."
            ),
            code="too_small",
            params={"width": width, "height": height},
        )


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours as a browser shows them: an embedded colour profile (a phone's Display P3) is applied."""
    icc = image.info.get("icc_profile")
    if not icc:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError):
        return image


def _clean(upload) -> Image.Image:
    """The picture upright, in sRGB, on white where it was transparent, within the proportions, and
    with no metadata at all (EXIF, GPS, XMP, comments, colour profile)."""
    upload.seek(0)
    with Image.open(upload) as opened:
        opened.load()
        image = ImageOps.exif_transpose(opened)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, "white")
        flat.paste(image, mask=image.getchannel("A"))
        image = flat
    else:
        image = _to_srgb(image)
        if image.mode != "RGB":
            image = image.convert("RGB")
    width, height = image.size
    if height / width > TALLEST:
        image = image.crop((0, 0, width, round(width * TALLEST)))
    elif height / width < WIDEST:
        keep = round(height / WIDEST)
        left = (width - keep) // 2
        image = image.crop((left, 0, left + keep, height))
    clean = Image.new("RGB", image.size)
    clean.paste(image)  # a new image carries none of the original's info (EXIF, XMP, ICC, comments)
    return clean


def _encode(image: Image.Image, fmt: str, quality: int, options: dict) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt.upper(), quality=quality, **options)
    return buffer.getvalue()


def encode_within_budget(image: Image.Image, fmt: str, quality: int, options: dict) -> bytes:
    budget = BYTES_PER_PIXEL * image.width * image.height
    data = _encode(image, fmt, quality, options)
    while len(data) > budget and quality > LOWEST_QUALITY:
        quality = max(LOWEST_QUALITY, quality - 8)
        data = _encode(image, fmt, quality, options)
    return data


def resized(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    return image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)


def make_variants(upload, *, directory: str) -> tuple[str, list[Variant]]:
    """Writes the cleaned picture (a JPEG of at most MASTER_WIDTH, kept as the original) and its
    variants to the default storage; returns the original's name and the variants, smallest first.
    Names carry a hash of the picture, so a new picture never reuses an old name."""
    image = _clean(upload)
    master = resized(image, MASTER_WIDTH)
    master_bytes = _encode(master, "jpeg", 88, {"optimize": True, "progressive": True})
    stem = directory + hashlib.sha256(master_bytes).hexdigest()[:16]
    master_name = default_storage.save(f"{stem}.jpg", ContentFile(master_bytes))
    widths = [width for width in WIDTHS if width < image.width] + [min(image.width, WIDTHS[-1])]
    variants = []
    for width in sorted(set(widths)):
        sized = resized(master, width)
        for fmt, _mime, extension, quality, options in FORMATS:
            name = default_storage.save(
                f"{stem}-{sized.width}.{extension}",
                ContentFile(encode_within_budget(sized, fmt, quality, options)),
            )
            variants.append(Variant(fmt, sized.width, sized.height, name))
    return master_name, variants


def delete_files(names: list[str]) -> None:
    """Removes stored files that nothing refers to any more (a replaced portrait's)."""
    for name in names:
        if name:
            default_storage.delete(name)


# --- showing a picture ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """What a <picture> needs: the AVIF and WebP sources, the JPEG <img> and its intrinsic size."""

    sources: list[tuple[str, str]]  # (MIME type, srcset), best format first
    src: str
    srcset: str
    width: int
    height: int


def picture(variants: list[dict], url) -> Picture | None:
    """The <picture> of stored variants (dicts as `Variant.as_dict()` gives); `url(name)` makes each
    address. The <img> falls back to the JPEG nearest 640 pixels wide; None without variants."""
    if not variants:
        return None
    mimes = {fmt: mime for fmt, mime, *_rest in FORMATS}

    def srcset(fmt: str) -> str:
        return ", ".join(f"{url(v['name'])} {v['width']}w" for v in variants if v["format"] == fmt)

    jpegs = [v for v in variants if v["format"] == "jpeg"]
    fallback = min(jpegs, key=lambda v: abs(v["width"] - 640))
    return Picture(
        sources=[(mimes[fmt], srcset(fmt)) for fmt in mimes if fmt != "jpeg" and srcset(fmt)],
        src=url(fallback["name"]),
        srcset=srcset("jpeg"),
        width=fallback["width"],
        height=fallback["height"],
    )
