"""Make the PDF text layer of Thai right: copy and search must give ดำเนิน, not ดาเนิน.

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
"""

import copy
import hashlib
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from fontTools.otlLib import builder as otl
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables import otTables

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
        target.parent.mkdir(parents=True, exist_ok=True)
        font = TTFont(source)
        _add_am_glyph(font)
        tmp = target.with_suffix(".tmp")
        font.save(tmp)
        tmp.replace(target)
    return target


def _add_am_glyph(font: TTFont) -> None:
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


_installed = False


def install() -> None:
    """Hook fix_to_unicode into WeasyPrint, before it subsets fonts and writes CMaps."""
    global _installed
    if _installed:
        return
    from weasyprint.pdf import fonts

    original = fonts.Font.clean

    def clean(self, to_unicode, hinting):
        fix_to_unicode(self)
        return original(self, to_unicode, hinting)

    fonts.Font.clean = clean
    _installed = True
