"""Safe Markdown (bangphlat.markdown): one converter per thread is reused, so nothing of one
text may reach the next."""

import threading

from bangphlat.markdown import render_markdown


def test_a_link_defined_in_one_text_is_unknown_in_the_next():
    first = render_markdown("[คู่มือ][ref]\n\n[ref]: https://example.org/a")
    assert 'href="https://example.org/a"' in first
    assert "href" not in render_markdown("[คู่มือ][ref]")


def test_raw_html_is_shown_as_text_each_time():
    for _ in range(2):
        html = render_markdown("ก่อน <script>alert(1)</script> หลัง\n\n- หนึ่ง\n- สอง")
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert html.count("<li>") == 2


def test_threads_convert_side_by_side():
    results = {}

    def convert(n):
        results[n] = [render_markdown(f"**{n}-{i}**") for i in range(50)]

    threads = [threading.Thread(target=convert, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, htmls in results.items():
        assert htmls == [f"<p><strong>{n}-{i}</strong></p>" for i in range(50)]
