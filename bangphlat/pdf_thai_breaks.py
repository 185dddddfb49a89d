"""The listed Thai words kept whole on the lines of WeasyPrint's PDFs, without a span each.

In the browser a ``<span class="nobr">`` around each listed word (``thai_breaks``) keeps it on
one line. In WeasyPrint every such span is an inline box of its own, and a line is split box
by box: on the large handbook its 3,700 spans cost about 3.5 s of a 21 s build (issue #24).
Here the same words (``thai_breaks.kept_word_spans``: ICU's words, each listed word whole)
go to Pango, which breaks WeasyPrint's lines, as ranges of its text with no break inside
(``pango_attr_allow_breaks``, Pango ≥ 1.44). WeasyPrint also asks Pango, without a layout,
where a text may break (``get_log_attrs``): those answers lose the same breaks, so both agree.
Nothing is added to the text: copy and search in the PDF give the words as typed."""

import threading
from functools import lru_cache

from bangphlat.thai_breaks import kept_word_spans

_lock = threading.Lock()
_installed = False


def _byte_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character offsets to the UTF-8 byte offsets Pango counts in."""
    out, position, byte = [], 0, 0
    for start, end in spans:
        byte += len(text[position:start].encode())
        first = byte
        byte += len(text[start:end].encode())
        out.append((first, byte))
        position = end
    return out


@lru_cache(maxsize=4096)
def _kept_spans(text: str) -> tuple[tuple, tuple]:
    """The listed words' character and byte spans in ``text``. Kept: WeasyPrint measures and
    splits the same texts again and again (34,000 look-ups of 2,840 texts on the large book)."""
    spans = kept_word_spans(text)
    return tuple(spans), tuple(_byte_spans(text, spans))


def install() -> None:
    """Patch WeasyPrint's text layout once per process (every PDF maker calls it through
    ``thaifont.install``)."""
    global _installed
    with _lock:
        if _installed:
            return
        from weasyprint.text import line_break
        from weasyprint.text.ffi import ffi, pango

        ffi.cdef(
            "PangoAttribute * pango_attr_allow_breaks_new (gboolean allow_breaks);"
            "PangoAttrList * pango_attr_list_copy (PangoAttrList *list);"
        )
        original_setup = line_break.Layout.setup
        original_set_text = line_break.Layout.set_text
        original_log_attrs = line_break.get_log_attrs

        def setup(self, style):
            original_setup(self, style)
            # The attributes WeasyPrint gave the layout (font features), to start each text
            # from: a layout is reused for shorter texts, whose words lie elsewhere.
            base = pango.pango_layout_get_attributes(self.layout)
            self._base_attributes = (
                None
                if base == ffi.NULL
                else ffi.gc(pango.pango_attr_list_copy(base), pango.pango_attr_list_unref)
            )
            self._kept_words = False

        def set_text(self, text, justify=False):
            if getattr(self, "_kept_words", False):
                base = self._base_attributes
                pango.pango_layout_set_attributes(
                    self.layout,
                    ffi.NULL
                    if base is None
                    else ffi.gc(pango.pango_attr_list_copy(base), pango.pango_attr_list_unref),
                )
                self._kept_words = False
            original_set_text(self, text, justify)
            _spans, byte_spans = _kept_spans(self.text)
            if not byte_spans:
                return
            attributes = pango.pango_layout_get_attributes(self.layout)
            if attributes == ffi.NULL:
                attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
            for start, end in byte_spans:
                attribute = pango.pango_attr_allow_breaks_new(False)
                attribute.start_index, attribute.end_index = start, end
                pango.pango_attr_list_change(attributes, attribute)
            pango.pango_layout_set_attributes(self.layout, attributes)
            self._kept_words = True

        def reactivate(self, style):
            # Drawing lays out each line again, already broken and with no width: where it
            # may break no longer matters, so the listed words are not set again (on the
            # large book 19,600 lines drawn: 0.39 s → 0.32 s). The PDF bytes are the same.
            setup(self, style)
            original_set_text(self, self.text, justify=True)

        def get_log_attrs(text, lang):
            attributes = original_log_attrs(text, lang)
            for start, end in _kept_spans(text)[0]:
                for index in range(start + 1, end):
                    attributes[index].is_line_break = False
            return attributes

        line_break.Layout.setup = setup
        line_break.Layout.set_text = set_text
        line_break.Layout.reactivate = reactivate
        line_break.get_log_attrs = get_log_attrs
        _installed = True
