"""Speed fixes for tagged PDFs from WeasyPrint (the handbook's are tagged for PDF/UA). The
bytes written are the same (tests/bangphlat/test_pdf_speed.py).

- WeasyPrint's tagging (weasyprint/pdf/tags.py) asks pydyf's ``PDF.page_references`` for the
  page of every tagged box, and pydyf builds that tuple anew from all pages at each call: on
  the 268-page book, 32,000 calls of a 268-item tuple, a tenth of the build. The tuple changes
  only when a page is added, so it is kept until the number of pages changes.
- With a file identifier (PDF/A and PDF/UA want one), ``PDF.write`` serialises every object
  twice, once to hash it and once to write it, and each time compresses every stream (zlib
  level 9) again. Nothing changes between the two, so while a PDF is written each object's
  bytes are kept and the second pass reuses them.
- The large streams (the embedded fonts: 7 streams, 2.5 MB on the large book) are compressed
  on the second core while this one writes the rest: zlib leaves Python's lock for the whole
  of a stream. Not the small ones (the 311 page streams, 19 KB on average): each hand-back of
  the lock made the writing thread wait, and the write was slower than with none of them
  threaded (1.18 s against 0.93 s).
- ``no_cycle_collection``: while a large book is laid out and written, the cyclic collector
  is paused (see there).
"""

import gc
import threading
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager

_installed = False
_writing = threading.local()
THREADED_DEFLATE_FROM = 128 * 1024  # bytes before compression
original_write_function = None  # pydyf's own PDF.write, for the test that compares the bytes


def install() -> None:
    """Patch pydyf once per process."""
    global _installed
    if _installed:
        return
    import pydyf

    compute_references = pydyf.PDF.page_references.fget

    def page_references(self):
        kids = self.pages["Kids"]
        kept = self.__dict__.get("_kept_page_references")
        if kept is None or kept[0] != len(kids):
            kept = (len(kids), compute_references(self))
            self._kept_page_references = kept
        return kept[1]

    def kept_data(compute):
        def data(self):
            kept = getattr(_writing, "kept", None)
            if kept is None:  # not inside PDF.write: the objects are still being drawn
                return compute(self)
            entry = kept.get(id(self))
            if entry is None:
                # The object is held with its bytes, so its id is not reused while kept.
                entry = kept[id(self)] = (self, compute(self))
            return entry[1]

        return property(data)

    plain_stream_data = pydyf.Stream.data.fget

    def stream_data(self):
        compressing = (getattr(_writing, "compressing", None) or {}).pop(id(self), None)
        if compressing is None:
            return plain_stream_data(self)
        # pydyf's Stream.data, from the bytes joined when the write began: compressed by then
        # on the other thread (a large stream), or here (a small one).
        extra = pydyf.Dictionary(self.extra.copy())
        extra["Filter"] = "/FlateDecode"
        pending = compressing[1]
        stream = pending.result() if isinstance(pending, Future) else _deflate(pending)
        extra["Length"] = len(stream)
        return b"\n".join((extra.data, b"stream", stream, b"endstream"))

    original_write = pydyf.PDF.write

    def write(self, *args, **kwargs):
        # Kept per thread and per write only: objects are alive (ids stable) and unchanged
        # for as long as one write lasts.
        _writing.kept = {}
        _writing.compressing = {}
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-zlib") as pool:
            for item in self.objects:
                if not (
                    isinstance(item, pydyf.Stream)
                    and type(item).data is pydyf.Stream.data
                    and item.compress
                    and item.free != "f"
                ):
                    continue
                raw = b"\n".join(pydyf._to_bytes(part) for part in item.stream)
                # The joined bytes are kept either way: pydyf would join them again.
                pending = pool.submit(_deflate, raw) if len(raw) >= THREADED_DEFLATE_FROM else raw
                _writing.compressing[id(item)] = (item, pending)
            try:
                return original_write(self, *args, **kwargs)
            finally:
                _writing.kept = None
                _writing.compressing = None

    global original_write_function
    original_write_function = original_write
    pydyf.PDF.page_references = property(page_references)
    pydyf.Dictionary.data = kept_data(pydyf.Dictionary.data.fget)
    pydyf.Array.data = kept_data(pydyf.Array.data.fget)
    pydyf.Stream.data = kept_data(stream_data)
    pydyf.PDF.write = write
    _installed = True


def _deflate(raw: bytes) -> bytes:
    compressor = zlib.compressobj(level=9)  # pydyf's level
    return compressor.compress(raw) + compressor.flush()


_paused = 0
_paused_lock = threading.Lock()


@contextmanager
def no_cycle_collection():
    """Pause Python's cyclic garbage collector for a large layout and write, then collect once.

    WeasyPrint makes about a million objects for the 268-page book, all alive until the PDF is
    written. Each full pass of the collector walks all of them again and finds next to nothing
    (its boxes are freed by reference counting as they go): on the large book that was about
    2 s of a 20 s build, and peak memory differs by under 20 MB (bench/README.md).

    Blocks nest and builds in several threads share one switch: the collection (half a second
    for that book) runs when the last block ends. So a caller can wrap more than the build in
    one, and hand over its result before the collection: the worker marks the edition ready
    first (handbook.services.run_build)."""
    global _paused
    with _paused_lock:
        _paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            last = not _paused
            if last:
                gc.enable()
        if last:
            gc.collect()


def leave_to_process_exit() -> None:
    """For a process that ends right after its build (``manage.py build_handbook`` from a
    shell): what the collector tracks now is frozen (``gc.freeze``), so neither the collection
    at the end of ``no_cycle_collection`` nor the interpreter's own at exit walks the laid-out
    book again; the operating system takes its memory back. Never in a process that goes on
    (the worker, a test): frozen objects are never collected."""
    gc.freeze()
