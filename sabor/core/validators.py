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


def validate_header_colour(value: str) -> None:
    """White text is set on this colour, so it must be dark enough to read (WCAG AA, 4.5:1)."""
    validate_hex_colour(value)
    if contrast_ratio(value, "#ffffff") < 4.5:
        raise ValidationError(
            _("White text on this colour is hard to read (contrast %(ratio).1f:1, at least 4.5:1 is required). "
              "Choose a darker colour."), code="low_contrast", params={"ratio": contrast_ratio(value, "#ffffff")})


def check_file_size(upload, *, field: str, megabytes: int) -> None:
    """Refuses an upload above `megabytes`, naming its size, as an error of `field`."""
    if upload.size > megabytes * 1024 * 1024:
        raise ValidationError({field: _("A file may be at most %(limit)s MB; this one is %(size)s MB.")
                               % {"limit": megabytes, "size": upload.size // (1024 * 1024)}}, code="too_large")
