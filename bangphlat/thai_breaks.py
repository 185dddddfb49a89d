"""Where running Thai text may break across lines. Thai has no spaces between words, so the
browser guesses the words with ICU's dictionary, and ICU cuts compounds a reader sees as one
word (ดำเนิน|การ, เข้า|ร่วม, พี่|เลี้ยง). ``thai_segments`` is ICU's words corrected by the
programme's own list (thai_words.txt); ``wrap_thai_html`` marks the corrected words in the
rendered HTML only: a ``<span class="nobr">`` around each listed word and a ``<wbr>`` where the
list starts a word inside one of ICU's. No characters are added, so text copied from the page,
the database, forms, search and exports stay exactly as typed."""

import re
from functools import lru_cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bangphlat.thai import thai_words

WORD_LIST = Path(__file__).with_name("thai_words.txt")
THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
# A word cannot start just after a leading vowel (เ แ โ ใ ไ) nor end before a mark or a
# following vowel: a match there is the inside of another word (พื้นที่ in พื้นที่ๆ is fine,
# กรรมการ inside กรรมการี is not).
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_FOLLOWING = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"
# Text inside these elements is left alone (code keeps its characters, a <textarea> is a form).
_SKIPPED = ("code", "pre", "textarea", "script", "style", "title", "option")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@lru_cache(maxsize=1)
def _dictionary() -> re.Pattern:
    words = {
        line.strip()
        for line in WORD_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    # Longest first, so ผู้เข้าร่วม wins over เข้าร่วม where both start.
    alternatives = sorted(words, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives)))


def _listed_words(run: str) -> list[tuple[int, int]]:
    spans = []
    for match in _dictionary().finditer(run):
        start, end = match.span()
        if start > 0 and run[start - 1] in _LEADING_VOWELS:
            continue
        if end < len(run) and re.match(f"[{_FOLLOWING}]", run[end]):
            continue
        spans.append((start, end))
    return spans


def _icu_bounds(run: str) -> set[int]:
    bounds, position = {0}, 0
    for word in thai_words(run):
        position += len(word)
        bounds.add(position)
    return bounds


def thai_segments(text: str) -> list[str]:
    """The words of a Thai text as a reader sees them: ICU's words, with every listed word
    (thai_words.txt) kept whole. Where a line may break, for the filter and its tests."""
    bounds = _icu_bounds(text)
    for start, end in _listed_words(text):
        bounds.difference_update(range(start + 1, end))
        bounds.update((start, end))
    ordered = sorted(bounds | {len(text)})
    return [text[a:b] for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


def _wrap_run(run: str) -> str:
    spans = _listed_words(run)
    if not spans:
        return escape(run)
    icu_bounds = _icu_bounds(run)
    out, position = [], 0
    for start, end in spans:
        out.append(escape(run[position:start]))
        # A break ICU would not offer (ลงพื้น|ที่ is its guess; ลง|พื้นที่ is right).
        before = "<wbr>" if start not in icu_bounds else ""
        after = "<wbr>" if end not in icu_bounds else ""
        out.append(f'{before}<span class="nobr">{escape(run[start:end])}</span>{after}')
        position = end
    out.append(escape(run[position:]))
    return "".join(out)


def _wrap_text(text: str) -> str:
    """Plain (unescaped) text to HTML."""
    out, position = [], 0
    for match in THAI_RUN.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(_wrap_run(match.group()))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def _wrap_escaped(html_text: str) -> str:
    """A text node of safe HTML: entities are ASCII, so Thai runs are plain text."""
    out, position = [], 0
    for match in THAI_RUN.finditer(html_text):
        out.append(html_text[position : match.start()])
        out.append(_wrap_run(match.group()))
        position = match.end()
    out.append(html_text[position:])
    return "".join(out)


def wrap_thai_html(value) -> SafeString:
    """Running text (plain text, or safe HTML such as rendered Markdown) as HTML whose lines
    break only between words. Only text between tags changes; tags and attributes never."""
    if value is None:
        return mark_safe("")
    if not isinstance(value, SafeString):
        return mark_safe(_wrap_text(str(value)))  # noqa: S308 - every piece escaped
    if not THAI_RUN.search(value):
        return value
    out, skipping = [], []
    for piece in _TAG.split(str(value)):
        if piece.startswith("<"):
            name = _TAG_NAME.match(piece)
            if name and name.group(2).lower() in _SKIPPED:
                if name.group(1):
                    if skipping:
                        skipping.pop()
                elif not piece.rstrip(">").endswith("/"):
                    skipping.append(name.group(2).lower())
            out.append(piece)
        elif skipping:
            out.append(piece)
        else:
            out.append(_wrap_escaped(piece))
    return mark_safe("".join(out))  # noqa: S308 - tags kept as they were, text re-escaped
