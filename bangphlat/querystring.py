"""Numbers and ids read from the query string: a malformed one is ignored, never a 500."""

import re

from bangphlat.thai import to_arabic_digits

# At most 18 digits: every such value fits a 64-bit integer column.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")


def positive_int(value) -> int | None:
    """``value`` as a positive whole number (Thai or Arabic digits), or None when it is
    missing or anything else: letters, signs, fractions, "²", NUL, 4,300 digits."""
    if not isinstance(value, str):
        return None
    text = to_arabic_digits(value.strip())
    if not _WHOLE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if number > 0 else None


_CODE = re.compile(r"[0-9A-Za-z_-]{1,20}")


def code(value) -> str | None:
    """A short code (a district's 1025, a zone group's slug) or None for anything else:
    the database is never asked about NUL characters or pages of text."""
    if isinstance(value, str) and _CODE.fullmatch(value):
        return value
    return None
