"""Thai language helpers shared by every app: collation, numerals, Buddhist-Era dates,
Thai fiscal years. Pure functions, no database access."""

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import icu
from django.conf import settings
from django.db.models import F
from django.db.models.functions import Collate

BE_OFFSET = 543
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")

MONTHS_TH_ABBR = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]  # fmt: skip
MONTHS_TH_FULL = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
MONTHS_EN_ABBR = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
]  # fmt: skip


# --- Collation -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _collator():
    # Numeric ordering as PostgreSQL's th-TH-u-kn-true collation: digit runs (Thai digits
    # too) compare by value, so ซอย 5 sorts before ซอย 12 in lists and in Python alike.
    collator = icu.Collator.createInstance(icu.Locale("th_TH"))
    collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    return collator


def thai_sort_key(text: str) -> bytes:
    """ICU sort key in Thai dictionary order (prevowels such as เ แ โ are skipped first),
    numbers inside names compared as numbers."""
    return _collator().getSortKey(text or "")


def thai_compare(a: str, b: str) -> int:
    return _collator().compare(a or "", b or "")


def thai_collate(field: str) -> Collate:
    """An ORDER BY expression in Thai dictionary order, on PostgreSQL and SQLite alike."""
    return Collate(F(field), settings.THAI_COLLATION)


# --- Numerals ------------------------------------------------------------------------
def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def parse_thai_int(value) -> int | None:
    """Parse a count as people type it: Thai digits, thousands separators, stray spaces."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != int(value):
            raise ValueError("not a whole number")
        return int(value)
    text = to_arabic_digits(str(value)).replace(",", "").replace(" ", "").strip()
    if text == "":
        return None
    if re.fullmatch(r"-?\d+(\.0+)?", text) is None:
        raise ValueError("not a whole number")
    return int(float(text))


# --- Dates ---------------------------------------------------------------------------
def be_year(year: int) -> int:
    return year + BE_OFFSET


def format_date_th(value: dt.date) -> str:
    """4 ส.ค. 2568 — the one Thai date style used everywhere in the portal."""
    return f"{value.day} {MONTHS_TH_ABBR[value.month - 1]} {be_year(value.year)}"


def format_date_en(value: dt.date) -> str:
    return f"{value.day} {MONTHS_EN_ABBR[value.month - 1]} {value.year}"


def format_date_th_long(value: dt.date) -> str:
    return f"{value.day} {MONTHS_TH_FULL[value.month - 1]} {be_year(value.year)}"


_MONTH_LOOKUP = {
    **{m.replace(".", ""): i + 1 for i, m in enumerate(MONTHS_TH_ABBR)},
    **{m: i + 1 for i, m in enumerate(MONTHS_TH_FULL)},
    **{m.lower(): i + 1 for i, m in enumerate(MONTHS_EN_ABBR)},
}


class AmbiguousYear(ValueError):
    """A two-digit year reads two ways (25: BE 2525 or CE 2025): the user must choose."""

    def __init__(self, as_buddhist_era: dt.date, as_common_era: dt.date):
        super().__init__(f"two-digit year: {as_buddhist_era} or {as_common_era}")
        self.readings = (as_buddhist_era, as_common_era)


def _year_to_ce(year: int) -> int:
    # Years after 2400 are Buddhist Era (no Gregorian date in this programme is that late).
    if year > 2400:
        return year - BE_OFFSET
    return year


# "วันที่ 25 …", "วันพฤหัสบดีที่ 25 …", "ที่ 25 …": the way a date is said, read past.
_SPOKEN_PREFIX = re.compile(r"^(?:วัน(?:อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัส(?:บดี)?|ศุกร์|เสาร์)?\s*)?(?:ที่\s*)?")
# An era written before the year: พ.ศ./พศ. (Buddhist), ค.ศ./คศ., B.E., A.D., C.E.
_ERA = re.compile(
    r"(?P<be>พ\.?\s*ศ\.?|b\.?\s*e\.?)|(?P<ce>ค\.?\s*ศ\.?|a\.?\s*d\.?|c\.?\s*e\.?)\s*(?=\d+$)",
    re.IGNORECASE,
)


def _without_era(text: str) -> tuple[str, str | None]:
    """The text with the era before its year taken out, and which era it named."""
    for match in _ERA.finditer(text):
        if re.fullmatch(r"\s*\d+", text[match.end() :]):
            return f"{text[: match.start()]} {text[match.end() :]}", match.lastgroup
    return text, None


def _date(year_text: str, month: int, day: int, era: str | None = None) -> dt.date:
    year = int(year_text)
    if era == "be":  # พ.ศ. 68 can only be 2568
        return dt.date((year + 2500 if len(year_text) <= 2 else year) - BE_OFFSET, month, day)
    if era == "ce":
        return dt.date(year + 2000 if len(year_text) <= 2 else year, month, day)
    if len(year_text) <= 2:
        raise AmbiguousYear(
            dt.date(2500 + year - BE_OFFSET, month, day), dt.date(2000 + year, month, day)
        )
    return dt.date(_year_to_ce(year), month, day)


def parse_thai_date(value) -> dt.date | None:
    """Parse a date as it appears in Thai spreadsheets and as people type it.

    Accepts date objects, ISO dates in CE or BE (2568-08-04), day/month/year with / or -
    (4/8/2568, 04-08-2025), and Thai month names (4 ส.ค. 2568, 4 สิงหาคม 2568), with Thai or
    Arabic digits; said in full too: "วันที่ 25 ธันวาคม พ.ศ. 2568", "วันพฤหัสบดีที่ 25 ธ.ค. 68"
    (a named era settles a two-digit year). Raises AmbiguousYear (a ValueError) for a
    two-digit year without an era, ValueError on anything else.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year > 2400:  # Excel cell typed as a BE year
            return value.replace(year=value.year - BE_OFFSET)
        return value
    text = " ".join(to_arabic_digits(str(value)).split())
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
        year, month, day = (int(g) for g in m.groups())
        return dt.date(_year_to_ce(year), month, day)
    text, era = _without_era(_SPOKEN_PREFIX.sub("", text))
    text = re.sub(r"\s*([/.-])\s*(?=\d)", r"\1", text.strip())
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-]\s*(\d{2}|\d{4})", text):
        day, month, year = m.groups()
        return _date(year, int(month), int(day), era)
    if m := re.fullmatch(r"(\d{1,2})\s*([^\d\s]+(?:\s[^\d\s]+)?)\s*(\d{2}|\d{4})", text):
        day, month_name, year = m.groups()
        key = month_name.replace(".", "").replace(" ", "")
        month = _MONTH_LOOKUP.get(key) or _MONTH_LOOKUP.get(key.lower()[:3])
        if month is None:
            raise ValueError(f"unknown month {month_name!r}")
        return _date(year, month, int(day), era)
    raise ValueError(f"unrecognised date {text!r}")


# --- Thai fiscal year (ปีงบประมาณ): 1 October – 30 September, named by its BE end year ---
def fiscal_year_of(value: dt.date) -> int:
    """FY in BE: 1 Oct 2025 – 30 Sep 2026 is FY 2569."""
    return be_year(value.year + 1 if value.month >= 10 else value.year)


def fiscal_year_bounds(fy_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of a BE fiscal year."""
    end_ce = fy_be - BE_OFFSET
    return dt.date(end_ce - 1, 10, 1), dt.date(end_ce, 9, 30)


def fiscal_year_label_en(fy_be: int, *, short: bool = False) -> str:
    """FY 2570 B.E. (Oct 2026 – Sep 2027): English readers get the Gregorian months beside
    the Buddhist-Era name, so the year never looks a misprint next to Gregorian dates."""
    start, end = fiscal_year_bounds(fy_be)
    if short:
        return f"{fy_be} ({start.year}–{end.year % 100:02d})"
    first, last = MONTHS_EN_ABBR[start.month - 1], MONTHS_EN_ABBR[end.month - 1]
    return f"FY {fy_be} B.E. ({first} {start.year} – {last} {end.year})"


# --- Clean text (forms, imports, admin and services all use this one function) ---------
# Invisible characters that sneak in from Word, LINE and web pages: zero-width space,
# non-joiner, joiner, word joiner, soft hyphen, BOM / zero-width no-break space.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\u00ad\ufeff\u180e"))
# Control characters (NUL, bell, …; not tab or line breaks): PostgreSQL refuses NUL in text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NIKHAHIT, _SARA_AA, _SARA_AM = "\u0e4d", "\u0e32", "\u0e33"
_TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
_ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"
# Marks that are never written twice in a row (a doubled tap on a phone keyboard).
_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # as a regex character class
_DOUBLED_MARK = re.compile(f"([{_THAI_MARKS}])\\1+")
# ํ + (tone) + า is a decomposed ำ: น + ํ + ้ + า → น้ำ
_DECOMPOSED_AM = re.compile(f"{_NIKHAHIT}([{_TONE_MARKS}]?){_SARA_AA}")
# เ typed twice for แ (the commonest Thai keyboard slip, also in text from Word): no Thai
# syllable starts with two เ, and the pair looks exactly like แ on screen.
SARA_E_TWICE, SARA_AE = "\u0e40\u0e40", "\u0e41"
# A tone mark typed before an above vowel (ก่ิ) is shown the same but compares differently.
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE_MARKS}])([{_ABOVE_VOWELS}])")


def clean_text(value, *, multiline: bool = False) -> str:
    """Text as it should be stored and compared: Unicode NFC, ำ composed, doubled Thai marks
    and mark order fixed, เเ as แ, zero-width characters and BOMs removed, whitespace collapsed (one
    space; with ``multiline`` line breaks and indentation stay, trailing spaces go)."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value))
    if not text.isascii():  # (imports clean every cell: skip the Unicode work for ASCII)
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = text.translate(_INVISIBLE)
        if _NIKHAHIT in text:
            text = _DECOMPOSED_AM.sub(lambda m: m.group(1) + _SARA_AM, text)
        text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
        text = _DOUBLED_MARK.sub(r"\1", text)
        if SARA_E_TWICE in text:
            text = text.replace(SARA_E_TWICE, SARA_AE)
    if not multiline:
        return " ".join(text.split())
    # Long text (Markdown) keeps its line breaks and indentation; trailing spaces go.
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n")


# --- Search keys ---------------------------------------------------------------------------
COMMUNITY_PREFIX = "ชุมชน"


def search_key(value, *, prefix: str = "") -> str:
    """What two spellings of one name share: clean text without ``prefix`` (e.g. ชุมชน),
    without any space, with Arabic digits, lower case. "ชุมชนคลองเตยล็อค 1 - 3" and
    "คลองเตยล็อค 1-3", "หมู่4" and "หมู่ 4", "๗๐ ไร่" and "70 ไร่" share a key.

    ``search_key_sql`` computes the same key in the database; keep them in step."""
    text = clean_text(value)
    if prefix and text.startswith(prefix):
        text = text[len(prefix) :]
    return to_arabic_digits("".join(text.split())).lower()


def search_key_sql(field: str, *, prefix: str = ""):
    """The database expression of ``search_key`` for a column that already holds clean text
    (every write cleans it), for a generated column on PostgreSQL and SQLite alike."""
    from django.db.models import Case, Value, When
    from django.db.models.functions import Lower, Replace, Substr

    expression = F(field)
    if prefix:
        expression = Case(
            When(**{f"{field}__startswith": prefix}, then=Substr(field, len(prefix) + 1)),
            default=F(field),
        )
    expression = Replace(expression, Value(" "), Value(""))
    for thai, arabic in zip(THAI_DIGITS, "0123456789", strict=True):
        expression = Replace(expression, Value(thai), Value(arabic))
    return Lower(expression)


# Spellings readers take for one word, folded only when a search finds nothing as typed (the
# stored keys, unique per district, stay as they are): ล็อก / ล็อค, กม. / ก.ม. (dots of
# abbreviations), and ฯ (กรุงเทพฯ / กรุงเทพ).
SEARCH_FOLDS = (("ล็อค", "ล็อก"), (".", ""), ("ฯ", ""))


def fold_search_key(key: str) -> str:
    """A search key with the SEARCH_FOLDS applied (``fold_search_key_sql`` in the database)."""
    for spelling, folded in SEARCH_FOLDS:
        key = key.replace(spelling, folded)
    return key


def fold_search_key_sql(field: str):
    """The database expression of ``fold_search_key`` over a search-key column."""
    from django.db.models import Value
    from django.db.models.functions import Replace

    expression = F(field)
    for spelling, folded in SEARCH_FOLDS:
        expression = Replace(expression, Value(spelling), Value(folded))
    return expression


TRGM_WORD_CHARS = Path(__file__).with_name("trgm_word_chars.txt")


@lru_cache(maxsize=1)
def trgm_word_ranges() -> list[tuple[int, int]]:
    """The code point ranges pg_trgm counts as part of a word (see trgm_word_chars.txt)."""
    ranges = []
    for line in TRGM_WORD_CHARS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            start, end = line.split("-")
            ranges.append((int(start, 16), int(end, 16)))
    return ranges


@lru_cache(maxsize=1)
def _trgm_words():
    # Python's \w would end a word at every Thai vowel and tone mark (combining marks are not
    # alphanumeric to Python), pg_trgm at tone marks only: the database's table decides.
    ranges = "".join(
        re.escape(chr(start)) + ("-" + re.escape(chr(end)) if end > start else "")
        for start, end in trgm_word_ranges()
    )
    return re.compile(f"[{ranges}]+")


def _trigrams(text: str) -> set[str]:
    grams = set()
    # As pg_trgm: words first, then each word in lower case, padded two spaces before, one after.
    for word in _trgm_words().findall(text):
        padded = f"  {word.lower()} "
        grams |= {padded[i : i + 3] for i in range(len(padded) - 2)}
    return grams


def trigram_similarity(a: str | None, b: str | None) -> float:
    """pg_trgm's similarity() in Python, registered on SQLite so results rank alike: the shared
    trigrams over all trigrams of the two texts."""
    if not a or not b:
        return 0.0
    left, right = _trigrams(a), _trigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def thai_words(text: str) -> list[str]:
    """The words of a Thai text (ICU's dictionary word breaker), e.g. to split a long name
    onto two lines between its words: ป้อมปราบศัตรูพ่าย → ป้อม ปราบ ศัตรู พ่าย."""
    breaker = icu.BreakIterator.createWordInstance(icu.Locale("th_TH"))
    breaker.setText(text)
    bounds = [0, *breaker]
    return [text[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]
