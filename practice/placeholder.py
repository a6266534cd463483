"""The neutral illustration shown where no portrait has been uploaded: drawn here with Pillow for this
project (the site's colours, rings and a figure), never a photo from elsewhere.

The files are committed under practice/static/practice/img/; `python -m practice.placeholder`
draws them again (AVIF, WebP and JPEG at the same widths as an uploaded portrait).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from .images import FORMATS, WIDTHS, encode_within_budget, resized

WIDTH, HEIGHT = 960, 1200
STATIC = Path(__file__).parent / "static" / "practice" / "img"
NAME = "portrait-placeholder"
PAPER, SAND, SOFT, ACCENT, DARK, GOLD = "#fbf9f5", "#f1ebe0", "#e3efed", "#1f5f5b", "#154543", "#d9a441"
RINGS = ("#cfe3df", "#a9cbc5", "#6fa79f")


def draw() -> Image.Image:
    scale = 2  # drawn twice as large and scaled down: smooth edges without a vector format
    w, h = WIDTH * scale, HEIGHT * scale
    image = Image.new("RGB", (w, h), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, int(h * 0.62), w, h], fill=SAND)
    cx, cy = w // 2, int(h * 0.40)
    for index, colour in enumerate(RINGS):
        radius = int(w * (0.46 - index * 0.09))
        pen.ellipse(
            [cx - radius, cy - radius, cx + radius, cy + radius], outline=colour, width=10 + 6 * index
        )
    pen.ellipse([cx - int(w * 0.2), cy - int(w * 0.2), cx + int(w * 0.2), cy + int(w * 0.2)], fill=SOFT)
    # The figure: a head above rounded shoulders that the picture's lower edge cuts, a gold brooch.
    head = int(w * 0.115)
    pen.ellipse([cx - head, cy - int(head * 1.25), cx + head, cy + int(head * 1.05)], fill=ACCENT)
    pen.ellipse([cx - int(w * 0.36), int(h * 0.63), cx + int(w * 0.36), int(h * 1.3)], fill=DARK)
    brooch = int(w * 0.018)
    pen.ellipse([cx - brooch, int(h * 0.72) - brooch, cx + brooch, int(h * 0.72) + brooch], fill=GOLD)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    return image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def main() -> None:
    STATIC.mkdir(parents=True, exist_ok=True)
    image = draw()
    for width in WIDTHS:
        sized = resized(image, width)
        for fmt, _mime, extension, quality, options in FORMATS:
            (STATIC / f"{NAME}-{width}.{extension}").write_bytes(
                encode_within_budget(sized, fmt, quality, options)
            )


def variants() -> list[dict]:
    """The committed files as variants (static paths for names), for `images.picture()`."""
    return [
        {
            "format": fmt,
            "width": width,
            "height": round(HEIGHT * width / WIDTH),
            "name": f"practice/img/{NAME}-{width}.{extension}",
        }
        for width in WIDTHS
        for fmt, _mime, extension, _quality, _options in FORMATS
    ]


if __name__ == "__main__":
    main()
