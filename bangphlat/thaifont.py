"""Make the PDF text layer of Thai right: copy and search must give ดำเนิน, not ดาเนิน, and
ที่, not ท่ี. Two independent problems, two fixes (the second is in ``install``).

Why it goes wrong: HarfBuzz's Thai shaper splits SARA AM (ำ, U+0E33) into NIKHAHIT (U+0E4D)
+ SARA AA (U+0E32) and moves the nikhahit before any tone mark; Sarabun then ligates
nikhahit + tone into one glyph. WeasyPrint writes one ToUnicode entry per glyph id, taken from
the first cluster the glyph was drawn in. The sara-aa glyph is shared by า and ำ, so it can
only map to one of them: whichever came first wins, usually า.

The fix, in two parts:
1. A copy of each Sarabun face (built once into var/fonts) gets a duplicate glyph
   ``uni0E32.am`` and a contextual substitution in ``ccmp``: sara aa right after a nikhahit
   (alone or ligated with a tone mark) becomes ``uni0E32.am``. It looks identical, but now
   has its own glyph id.
2. Before WeasyPrint writes the ToUnicode maps, every glyph of such a font is mapped from the
   font's own cmap (so first-seen clusters no longer matter), ``uni0E32.am`` → ำ, a bare
   nikhahit → nothing and a nikhahit–tone ligature → its tone mark. Text order in the PDF is
   consonant, (tone), ำ: exactly the Unicode order of the word.

That makes glyph-by-glyph extraction right (pypdf, pdftotext -raw). Layout-based extraction
(pdftotext's default, and search in viewers built on poppler) also sorts the glyphs of a line
by x position, and Sarabun draws a tone mark on an upper vowel slightly left of the vowel:
ที่ came out as ท่ี, and in bold a stacked mark could even drop to a "line" of its own. So each
run of Thai text with marks is also wrapped in a ``/Span <</ActualText (…)>> BDC … EMC``
carrying the run's own text (PDF 1.7 §14.9.4), which readers use instead of the glyphs.
"""

import copy
import hashlib
import os
import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings

SOURCE_DIR = Path(settings.BASE_DIR) / "static" / "fonts" / "sarabun"
AM_GLYPH = "uni0E32.am"
SARA_AA = "uni0E32"


def pdf_font_dir() -> Path:
    return Path(settings.VAR_DIR) / "fonts" / "sarabun-pdf"


def pdf_font_path(name: str) -> Path:
    """The patched copy of a Sarabun face, built on first use (and rebuilt if the source
    file changes)."""
    source = SOURCE_DIR / name
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    target = pdf_font_dir() / f"{source.stem}-{digest}.ttf"
    if not target.exists():
        # fontTools is imported here and below, when a PDF is made: at the top it cost every
        # process that imports the PDF modules (gunicorn's workers, commands) 40 ms at start.
        from fontTools.ttLib import TTFont

        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(source)
        _add_am_glyph(font)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")  # processes may race here
        font.save(tmp)
        tmp.replace(target)
    return target


def _add_am_glyph(font) -> None:
    from fontTools.otlLib import builder as otl
    from fontTools.ttLib.tables import otTables

    order = font.getGlyphOrder()
    if AM_GLYPH in order:
        return
    glyf = font["glyf"]
    new_order = [*order, AM_GLYPH]
    glyf.glyphs[AM_GLYPH] = copy.deepcopy(glyf[SARA_AA])
    glyf.glyphOrder = new_order
    font.setGlyphOrder(new_order)
    font["hmtx"].metrics[AM_GLYPH] = font["hmtx"].metrics[SARA_AA]
    font["maxp"].numGlyphs = len(new_order)
    nikhahits = [name for name in order if name.startswith("uni0E4D")]

    gsub = font["GSUB"].table
    single = otl.buildSingleSubstSubtable({SARA_AA: AM_GLYPH})
    single_lookup = otl.buildLookup([single])
    gsub.LookupList.Lookup.append(single_lookup)
    single_index = len(gsub.LookupList.Lookup) - 1

    rule = otTables.ChainContextSubst()
    rule.Format = 3
    backtrack = otTables.Coverage()
    backtrack.glyphs = sorted(nikhahits, key=font.getGlyphID)
    rule.BacktrackCoverage = [backtrack]
    rule.BacktrackGlyphCount = 1
    input_cov = otTables.Coverage()
    input_cov.glyphs = [SARA_AA]
    rule.InputCoverage = [input_cov]
    rule.InputGlyphCount = 1
    rule.LookAheadCoverage = []
    rule.LookAheadGlyphCount = 0
    record = otTables.SubstLookupRecord()
    record.SequenceIndex = 0
    record.LookupListIndex = single_index
    rule.SubstLookupRecord = [record]
    rule.SubstCount = 1
    chain_lookup = otl.buildLookup([rule])
    gsub.LookupList.Lookup.append(chain_lookup)
    chain_index = len(gsub.LookupList.Lookup) - 1
    gsub.LookupList.LookupCount = len(gsub.LookupList.Lookup)
    # Run it as part of every ccmp feature (after the font's own nikhahit–tone ligatures).
    for feature in gsub.FeatureList.FeatureRecord:
        if feature.FeatureTag == "ccmp":
            feature.Feature.LookupListIndex.append(chain_index)
            feature.Feature.LookupCount = len(feature.Feature.LookupListIndex)


@lru_cache(maxsize=32)
def _glyph_text(file_hash: bytes, content: bytes) -> dict[int, str] | None:
    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(content))
    order = font.getGlyphOrder()
    if AM_GLYPH not in order:
        return None  # not one of our patched fonts
    texts = {}
    for codepoint, name in sorted(font.getBestCmap().items(), reverse=True):
        texts[font.getGlyphID(name)] = chr(codepoint)
    for gid, name in enumerate(order):
        if name == AM_GLYPH:
            texts[gid] = "ำ"
        elif name.startswith("uni0E4D"):
            base = name.split(".")[0]
            texts[gid] = chr(int(base[7:11], 16)) if len(base) > 7 else ""
    return texts


def fix_to_unicode(font) -> None:
    """Correct a WeasyPrint font's glyph → text map (see the module docstring)."""
    texts = _glyph_text(
        font.hash if isinstance(font.hash, bytes) else str(font.hash).encode(), font.file_content
    )
    if texts is None:
        return
    for gid in list(font.to_unicode):
        if gid in texts:
            font.to_unicode[gid] = texts[gid]


# Thai above and below marks (vowels, tone marks, thanthakhat, nikhahit…).
THAI_MARKS = re.compile("[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]")
_installed = False


def install() -> None:
    """Hook the two text-layer fixes into WeasyPrint (once per process):

    - fix_to_unicode before fonts are subset and their ToUnicode maps written;
    - every run of text with Thai marks is wrapped in a marked-content span whose
      ``/ActualText`` is the run's own text. Glyph-by-glyph extraction (pypdf) was already right
      thanks to the ToUnicode fix, but layout-based extraction (poppler's pdftotext, and the
      search of viewers built on it) sorts glyphs by their x position, and Sarabun places a
      tone mark slightly left of the vowel it sits on, so ที่ came out as ท่ี. With ActualText,
      readers take the run's text as a whole, in Unicode order.
    """
    global _installed
    if _installed:
        return
    import pydyf

    from bangphlat import pdf_thai_breaks

    pdf_thai_breaks.install()
    from weasyprint import draw
    from weasyprint.pdf import fonts

    original_clean = fonts.Font.clean

    def clean(self, to_unicode, hinting):
        fix_to_unicode(self)
        return original_clean(self, to_unicode, hinting)

    original_draw_text = draw.draw_text

    def draw_text(stream, textbox, *args, **kwargs):
        text = getattr(textbox, "text", "")
        if not THAI_MARKS.search(text):
            return original_draw_text(stream, textbox, *args, **kwargs)
        properties = pydyf.Dictionary({"ActualText": pydyf.String(text)})
        stream.begin_marked_content("Span", properties)
        try:
            return original_draw_text(stream, textbox, *args, **kwargs)
        finally:
            stream.end_marked_content()

    fonts.Font.clean = clean
    draw.draw_text = draw_text
    _installed = True


FACES = [
    ("Sarabun-Regular.ttf", 400, "normal"),
    ("Sarabun-Italic.ttf", 400, "italic"),
    ("Sarabun-SemiBold.ttf", 600, "normal"),
    ("Sarabun-Bold.ttf", 700, "normal"),
    ("Sarabun-BoldItalic.ttf", 700, "italic"),
]


def font_face_css() -> str:
    """@font-face rules for the patched Sarabun copies, as file URLs for WeasyPrint."""
    return "\n".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{pdf_font_path(name).as_uri()}"); }}'
        for name, weight, style in FACES
    )


def source_digest() -> str:
    """Changes whenever a vendored face changes, so the book's hash does too."""
    digest = hashlib.sha256()
    for name, _weight, _style in FACES:
        digest.update((SOURCE_DIR / name).read_bytes())
    return digest.hexdigest()[:16]
