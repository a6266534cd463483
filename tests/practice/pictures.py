"""Pictures for the tests, made here: a photo-like portrait with GPS and camera EXIF, an SVG drawing
and a PHP script named like a photo."""

import io
import random

from PIL import ExifTags, Image, ImageDraw, ImageFilter

GPS_LATITUDE = (60.0, 10.0, 8.5)  # somewhere in Helsinki: must never reach a visitor


def photo(width: int = 1200, height: int = 1500, *, seed: int = 1) -> Image.Image:
    """Soft shapes, gradients and sensor-like noise: compresses like a real portrait, not a flat drawing."""
    rnd = random.Random(seed)
    image = Image.new("RGB", (width, height))
    pen = ImageDraw.Draw(image)
    for y in range(height):
        pen.line(
            [(0, y), (width, y)], fill=(90 + y * 80 // height, 110 + y * 60 // height, 130 - y * 40 // height)
        )
    pen.ellipse([width * 0.3, height * 0.15, width * 0.7, height * 0.5], fill=(224, 180, 150))
    pen.rectangle([width * 0.2, height * 0.5, width * 0.8, height], fill=(60, 80, 110))
    for _ in range(300):
        x, y, r = rnd.randrange(width), rnd.randrange(height), rnd.randrange(5, 60)
        pen.ellipse(
            [x - r, y - r, x + r, y + r], fill=(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256))
        )
    image = image.filter(ImageFilter.GaussianBlur(6))
    return Image.blend(image, Image.effect_noise((width, height), 18).convert("RGB"), 0.08)


def jpeg_with_gps(width: int = 1200, height: int = 1500) -> bytes:
    """A camera JPEG: GPS position, camera make and model, an orientation tag (rotate 90° on show)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamera Oy"
    exif[ExifTags.Base.Model] = "Taskukamera 3000"
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: GPS_LATITUDE,
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (24.0, 56.0, 12.0),
    }
    buffer = io.BytesIO()
    photo(width, height).save(buffer, "JPEG", quality=92, exif=exif)
    return buffer.getvalue()


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
PHP = b"<?php system($_GET['c']); ?>\n"
