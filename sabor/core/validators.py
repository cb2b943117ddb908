import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as # followed by six hexadecimal digits, e.g. #1f4e79."),
                              code="invalid_colour")


def contrast_ratio(colour_a: str, colour_b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colour_a), luminance(colour_b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Every background the primary colour meets in static/css/sabor.css (a test keeps the two in
# step): white text on it in the header; links, figures and outlined buttons in it on white
# and on the light grey of the footer, filters, table headers and messages (text: 4.5:1);
# progress bars in it on their grey track (a graphic: 3:1, WCAG 1.4.11).
PRIMARY_COLOUR_BACKGROUNDS = (("#ffffff", 4.5, _("white")), ("#f4f6f8", 4.5, _("the light grey of the page")),
                              ("#e3e6ea", 3.0, _("the grey track of progress bars")))


def validate_header_colour(value: str) -> None:
    """The municipality's primary colour: readable with white text on it and as text or a
    bar on every background it is used on (WCAG AA)."""
    validate_hex_colour(value)
    for background, required, name in PRIMARY_COLOUR_BACKGROUNDS:
        ratio = contrast_ratio(value, background)
        if ratio < required:
            raise ValidationError(
                _("This colour is hard to see on %(background)s (contrast %(ratio).1f:1, at least %(required).1f:1 "
                  "is required). Choose a darker colour."), code="low_contrast",
                params={"background": name, "ratio": ratio, "required": required})


def check_file_size(upload, *, field: str, megabytes: int) -> None:
    """Refuses an upload above `megabytes`, naming its size, as an error of `field`."""
    if upload.size > megabytes * 1024 * 1024:
        raise ValidationError({field: _("A file may be at most %(limit)s MB; this one is %(size)s MB.")
                               % {"limit": megabytes, "size": upload.size // (1024 * 1024)}}, code="too_large")
