"""Reading workbooks fast: inline strings (what openpyxl and our exports write) read to the
same text as openpyxl's own Text objects give, rich-text runs joined, phonetic runs left out."""

import xml.etree.ElementTree as ET

import pytest
from openpyxl.worksheet import _read_only, _reader

from communities.io import reading

CELLS = [
    '<c r="A1" t="inlineStr"><is><t>ชุมชน ก</t></is></c>',
    '<c r="B2" t="inlineStr" s="3"><is><t xml:space="preserve">  เว้นวรรค  </t></is></c>',
    '<c r="C3" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t>ข</t></r>'
    '<rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c>',
    '<c r="D4" t="inlineStr"><is><t></t></is></c>',
    '<c r="E5" t="inlineStr"><is><t>plain</t><r><t>run</t></r></is></c>',
    '<c t="inlineStr"><is><t>no coordinate</t></is></c>',
    '<c r="F6" t="inlineStr"></c>',
    '<c r="G7" t="inlineStr"><is/></c>',
    '<c r="H8" t="n"><v>1025</v></c>',
]


@pytest.mark.parametrize("xml", CELLS)
def test_inline_strings_read_as_openpyxl_reads_them(xml):
    reading._install_fast_inline_strings()
    element = ET.fromstring(xml.replace("<c ", f'<c xmlns="{_reader.SHEET_MAIN_NS}" ', 1))
    results = []
    for parser_class in (_reader.WorkSheetParser, _read_only.WorkSheetParser):
        parser = parser_class(None, [], data_only=True)
        parser.row_counter, parser.col_counter = 9, 2
        results.append(parser.parse_cell(element))
    assert _read_only.WorkSheetParser is not _reader.WorkSheetParser
    assert results[0] == results[1]
