import xml.etree.ElementTree as ET

from bangphlat.qr import qr_svg

SVG = ""  # inline SVG for HTML: no XML namespace


def test_a_qr_code_is_an_svg_image_named_by_its_label():
    svg = ET.fromstring(qr_svg("https://example.org/certificates/ABC/", label="ตรวจสอบใบประกาศ"))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "ตรวจสอบใบประกาศ"
    # Sized by CSS, not by fixed width/height attributes.
    assert svg.get("width") is None and svg.get("viewBox")


def test_a_label_cannot_inject_markup():
    markup = str(qr_svg("x", label='<script>alert(1)</script>"'))
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup


def test_a_longer_text_gives_a_bigger_code():
    small = ET.fromstring(qr_svg("A", label="a")).get("viewBox")
    large = ET.fromstring(qr_svg("https://example.org/" + "x" * 200, label="a")).get("viewBox")
    assert int(large.split()[2]) > int(small.split()[2])
