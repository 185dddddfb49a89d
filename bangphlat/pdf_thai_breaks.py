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
            spans = kept_word_spans(self.text)
            if not spans:
                return
            attributes = pango.pango_layout_get_attributes(self.layout)
            if attributes == ffi.NULL:
                attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
            for start, end in _byte_spans(self.text, spans):
                attribute = pango.pango_attr_allow_breaks_new(False)
                attribute.start_index, attribute.end_index = start, end
                pango.pango_attr_list_change(attributes, attribute)
            pango.pango_layout_set_attributes(self.layout, attributes)
            self._kept_words = True

        def get_log_attrs(text, lang):
            attributes = original_log_attrs(text, lang)
            for start, end in kept_word_spans(text):
                for index in range(start + 1, end):
                    attributes[index].is_line_break = False
            return attributes

        line_break.Layout.setup = setup
        line_break.Layout.set_text = set_text
        line_break.get_log_attrs = get_log_attrs
        _installed = True
