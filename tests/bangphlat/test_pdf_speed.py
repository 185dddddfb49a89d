"""bangphlat.pdf_speed changes how fast pydyf answers, never what it writes."""

import io

import pydyf

from bangphlat import pdf_speed


def small_pdf(pages: int) -> pydyf.PDF:
    pdf = pydyf.PDF()
    for number in range(pages):
        stream = pydyf.Stream(compress=True)
        stream.begin_text()
        stream.show_text_string(f"page {number} " * 50)
        stream.end_text()
        pdf.add_object(stream)
        pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": stream.reference}))
    return pdf


def test_page_references_follow_every_added_page():
    pdf_speed.install()
    pdf = small_pdf(3)
    first = pdf.page_references
    assert len(first) == 3 and pdf.page_references is first  # kept
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert len(pdf.page_references) == 4
    assert pdf.page_references[:3] == first


def test_a_written_pdf_has_the_same_bytes_as_pydyfs_own_write():
    pdf_speed.install()
    kept, plain = io.BytesIO(), io.BytesIO()
    small_pdf(5).write(kept, b"1.7", b"x" * 32, True)
    pdf_speed.original_write_function(small_pdf(5), plain, b"1.7", b"x" * 32, True)
    assert kept.getvalue() == plain.getvalue()
    assert b"/ID" in kept.getvalue()  # the identifier (hashed from the kept bytes) is there


def test_a_large_stream_compressed_on_the_other_thread_gives_the_same_bytes():
    pdf_speed.install()

    def with_a_font_sized_stream():
        pdf = small_pdf(2)
        font = pydyf.Stream([bytes(range(256)) * 2048], compress=True)  # 512 KB, as a font
        assert len(font.stream[0]) >= pdf_speed.THREADED_DEFLATE_FROM
        pdf.add_object(font)
        pdf.catalog["Font"] = font.reference
        return pdf

    kept, plain = io.BytesIO(), io.BytesIO()
    with_a_font_sized_stream().write(kept, b"1.7", b"x" * 32, True)
    pdf_speed.original_write_function(with_a_font_sized_stream(), plain, b"1.7", b"x" * 32, True)
    assert kept.getvalue() == plain.getvalue()


def test_streams_drawn_after_a_write_are_not_served_stale():
    pdf_speed.install()
    stream = pydyf.Stream([b"BT"])
    before = stream.data
    small_pdf(1).write(io.BytesIO(), b"1.7", True, True)
    stream.stream.append(b"ET")
    assert stream.data != before


def test_the_cycle_collector_is_paused_for_a_build_and_resumes_after_the_last():
    import gc

    assert gc.isenabled()
    with pdf_speed.no_cycle_collection():
        assert not gc.isenabled()
        with pdf_speed.no_cycle_collection():  # a second build at the same time
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first is still running
    assert gc.isenabled()
    try:
        with pdf_speed.no_cycle_collection():
            raise ValueError("a broken book")
    except ValueError:
        pass
    assert gc.isenabled()  # a failed build does not leave it off


def test_nested_blocks_collect_once_when_the_outer_one_ends(monkeypatch):
    """The worker wraps the build and the storing in one block: the laid-out book is collected
    after the edition is ready, not at the end of the build inside it."""
    import gc

    collections = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append("collect") or 0)
    with pdf_speed.no_cycle_collection():
        with pdf_speed.no_cycle_collection():  # render_pdfs' own block
            pass
        assert collections == []  # the build is done, the edition not yet stored
        collections.append("stored")
    assert collections == ["stored", "collect"]
