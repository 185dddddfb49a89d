"""Where running Thai text may break across lines. Thai has no spaces between words, so the
browser guesses the words with ICU's dictionary, and ICU cuts compounds a reader sees as one
word (ดำเนิน|การ, เข้า|ร่วม, พี่|เลี้ยง); WeasyPrint's breaker (Pango) cuts others (ราช|เทวี,
เศรษฐกิจ|พอเพียง). ``thai_segments`` is ICU's words with every listed word kept whole: the
programme's words (thai_words.txt) and the 50 district names. ``wrap_thai_html`` puts a
``<span class="nobr">`` around each listed word in the rendered HTML only: no character is
added, so text copied from the page, the database, forms, search and exports stay as typed."""

import csv
import re
from functools import lru_cache
from itertools import takewhile
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from bangphlat.thai import thai_words

WORD_LIST = Path(__file__).with_name("thai_words.txt")
DISTRICTS = Path(__file__).resolve().parent.parent / "districts" / "data" / "districts.csv"
THAI_RUN = re.compile(r"[\u0e01-\u0e5b]+")
# Text inside these elements is left alone (code keeps its characters, a <textarea> is a form).
# SVG and MathML draw their own text: an HTML <span> inside an SVG <text> or <desc> is an
# unknown element there, and WeasyPrint then draws nothing of the chart (issue #30).
_SKIPPED = ("code", "pre", "textarea", "script", "style", "title", "option", "svg", "math")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    words = {
        line.strip()
        for line in WORD_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    with DISTRICTS.open(encoding="utf-8") as handle:
        words |= {row["name_th"] for row in csv.DictReader(handle)}
    return frozenset(words)


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(map(len, _dictionary()))


def _listed_words(run: str, icu_bounds: set[int]) -> list[tuple[int, int]]:
    """The listed words of a run, longest first, each starting and ending where ICU's words
    do: a match elsewhere is the inside of another word (บางนา in บางนาง), left to ICU."""
    words, longest, bounds = _dictionary(), _longest(), sorted(icu_bounds)
    spans, position = [], 0
    for i, start in enumerate(bounds):
        if start < position:
            continue
        ends = list(takewhile(lambda end, start=start: end - start <= longest, bounds[i + 1 :]))
        end = next((end for end in reversed(ends) if run[start:end] in words), None)
        if end is not None:
            spans.append((start, end))
            position = end
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
    for start, end in _listed_words(text, set(bounds)):
        bounds.difference_update(range(start + 1, end))
        bounds.update((start, end))
    ordered = sorted(bounds | {len(text)})
    return [text[a:b] for a, b in zip(ordered, ordered[1:], strict=False) if b > a]


@lru_cache(maxsize=16384)  # a paragraph's runs are asked for again at each of its lines
def _run_words(run: str) -> tuple[tuple[int, int], ...]:
    return tuple(_listed_words(run, _icu_bounds(run)))


def kept_word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of the listed words in ``text``: where
    ``wrap_thai_html`` would put its spans. For PDFs (bangphlat.pdf_thai_breaks), which keep
    the same words whole without a span."""
    spans = []
    for match in THAI_RUN.finditer(text):
        base = match.start()
        spans.extend((base + start, base + end) for start, end in _run_words(match.group()))
    return spans


@lru_cache(maxsize=8192)  # headings and table headers repeat on every page (the middleware)
def _wrap_run(run: str) -> str:
    out, position = [], 0
    # A Thai run holds no character HTML escapes: its pieces go out as they are.
    for start, end in _run_words(run):
        out.append(run[position:start])
        out.append(f'<span class="nobr">{run[start:end]}</span>')
        position = end
    out.append(run[position:])
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
        return mark_safe(_wrap_escaped(escape(str(value))))  # noqa: S308 - escaped first
    if not THAI_RUN.search(value):
        return value
    out, skipping = [], []
    for piece in _TAG.split(str(value)):
        if piece.startswith("<"):
            name = _TAG_NAME.match(piece)
            tag = name.group(2).lower() if name else ""
            if tag in _SKIPPED:
                if name.group(1):
                    if tag in skipping:  # a stray closing tag never ends an outer element
                        del skipping[len(skipping) - 1 - skipping[::-1].index(tag) :]
                elif not piece.rstrip(">").endswith("/"):
                    skipping.append(tag)
            out.append(piece)
        elif skipping:
            out.append(piece)
        else:
            out.append(_wrap_escaped(piece))
    return mark_safe("".join(out))  # noqa: S308 - tags kept as they were, text re-escaped
