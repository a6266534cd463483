"""Uploaded pictures: checked by their content, stripped of EXIF/GPS, stored as AVIF/WebP/JPEG sizes."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from practice import images

from .pictures import PHP, SVG, jpeg_with_gps, photo


def upload(data: bytes, name: str = "portrait.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ValidationError) as raised:
        images.check_upload(upload(data, name))
    return raised.value.code


def test_an_svg_is_refused_with_its_own_reason_whatever_its_name():
    assert refused(SVG, "portrait.svg") == "svg"
    assert refused(SVG, "portrait.jpg") == "svg"


@pytest.mark.parametrize("name", ["portrait.jpg", "shell.php", "portrait.php.jpg"])
def test_a_script_named_like_a_photo_is_refused(name):
    assert refused(PHP, name) == "not_a_picture"


def test_a_broken_jpeg_and_an_unsupported_format_are_refused():
    assert refused(jpeg_with_gps()[:2000], "cut.jpg") == "not_a_picture"
    buffer = io.BytesIO()
    photo(400, 500).save(buffer, "GIF")
    assert refused(buffer.getvalue(), "portrait.gif") == "not_a_picture"


def test_a_tiny_picture_is_refused():
    buffer = io.BytesIO()
    photo(200, 250).save(buffer, "JPEG")
    assert refused(buffer.getvalue(), "small.jpg") == "too_small"


def test_a_camera_jpeg_is_accepted():
    images.check_upload(upload(jpeg_with_gps()))


def test_variants_exist_in_every_format_and_width_without_any_metadata(media_root):
    master, variants = images.make_variants(upload(jpeg_with_gps()), directory="practice/portrait/")
    assert {(v.format, v.width) for v in variants} == {
        (fmt, width) for fmt in ("avif", "webp", "jpeg") for width in images.WIDTHS
    }
    for name in [master, *(v.name for v in variants)]:
        data = (media_root / name).read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            exif = picture.getexif()
            assert dict(exif) == {} and exif.get_ifd(ExifTags.IFD.GPSInfo) == {}, name
            assert "exif" not in picture.info and "xmp" not in picture.info, name
        assert b"Exif" not in data and b"Kamera Oy" not in data, name
    sizes = {(v.format, v.width): (media_root / v.name).stat().st_size for v in variants}
    assert all(size < 60 * 1024 for (fmt, width), size in sizes.items() if width == 640), sizes


def test_variants_keep_the_proportions_and_never_grow(media_root):
    buffer = io.BytesIO()
    photo(500, 600).save(buffer, "PNG")
    _master, variants = images.make_variants(upload(buffer.getvalue(), "p.png"), directory="t/")
    assert sorted({(v.width, v.height) for v in variants}) == [(320, 384), (480, 576), (500, 600)]


def test_a_sideways_camera_photo_is_turned_upright(media_root):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was held sideways: rotate 90° to show
    buffer = io.BytesIO()
    photo(800, 600).save(buffer, "JPEG", exif=exif)
    _master, variants = images.make_variants(upload(buffer.getvalue()), directory="t/")
    largest = max(variants, key=lambda v: v.width)
    assert (largest.width, largest.height) == (600, 800)


def test_a_transparent_png_gets_a_white_background(media_root):
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    _master, variants = images.make_variants(upload(buffer.getvalue(), "p.png"), directory="t/")
    jpeg = next(v for v in variants if v.format == "jpeg")
    with Image.open(media_root / jpeg.name) as picture:
        assert picture.convert("RGB").getpixel((10, 10)) >= (250, 250, 250)
