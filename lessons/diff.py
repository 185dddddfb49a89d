"""A readable diff of lesson text: Thai is split into words with ICU (Thai has no spaces
between words), and changes are marked with <del> and <ins>."""

import difflib
from functools import lru_cache

import icu
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@lru_cache(maxsize=1)
def _breaker():
    return icu.BreakIterator.createWordInstance(icu.Locale("th_TH"))


def thai_words(text: str) -> list[str]:
    breaker = _breaker()
    breaker.setText(text)
    words, start = [], 0
    for end in breaker:
        words.append(text[start:end])
        start = end
    return words


def diff_html(old: str, new: str) -> SafeString:
    old_words, new_words = thai_words(old or ""), thai_words(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - every piece escaped
