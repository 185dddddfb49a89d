"""The book's photos, scaled to the size they are printed at before WeasyPrint sees them.

WeasyPrint can shrink photos itself (``dpi``, ``optimize_images``, ``jpeg_quality``), but it
does so one photo after the other in the layout's own thread, decoding each photo three times
(load, re-encode, thumbnail): on the large book that was about a fifth of the build. Here each
photo is decoded once (JPEG's draft mode decodes a phone photo at a fraction of its size),
turned upright, scaled to fit the printed box at PRINT_DPI and saved as a JPEG
(handbook.photo_scale), while WeasyPrint lays the book out. WeasyPrint then embeds the JPEG as
it is.

- **The layout does not wait for them.** It needs only a photo's printed size, which the
  photo's header gives (``plan``), not its pixels, which only the writing of the PDF reads. So
  WeasyPrint first gets a stand-in, a small grey JPEG of the printed size. After the layout,
  ``fill`` puts the scaled photo in its place in WeasyPrint's image cache (the ``cache``
  option of ``HTML.render``, a dict we own). A photo whose header reads but whose pixels do
  not by the time it is scaled (erased meanwhile, say) stays grey, named in a warning.
- **A large book's photos are scaled in a child process.** In a thread, they cost the layout
  about as much as they saved: Pillow takes Python's lock back for every block it decodes or
  encodes, and the layout waited for it each time (on the 268-page book, 6.3 s of layout
  became 8.0 s; bench/README.md). The child has no Django: the files are read here, in a
  thread (reading leaves the lock), a few at a time, and the bytes sent.

Nothing is stored: a scaled copy would outlive a photo that is erased (privacy), and the build
is the only reader."""

import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from django.core.files.storage import default_storage
from PIL import Image

from handbook.photo_scale import (
    BOX_MM,
    BOX_PX,
    PRINT_DPI,
    Plan,
    grey,
    opened,
    plan_of,
    scale_bytes,
    start_child,
)

__all__ = ["BOX_MM", "BOX_PX", "PRINT_DPI", "PrintPhotos", "plan", "scaled"]

# From this many photos a child process scales them (starting one costs about 0.2 s of the
# other core); fewer are scaled in the reading thread.
PROCESS_FROM = 24
# Originals read ahead of the child: a phone photo is a few MB, and a book may have hundreds.
IN_FLIGHT = 3
READ_ERRORS = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def plan(name: str) -> Plan:
    """The plan of the photo in the media storage under ``name``, from its header alone.
    Raises what opening a broken photo raises."""
    with default_storage.open(name, "rb") as handle, opened(handle) as image:
        return plan_of(image)


def _read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def scaled(name: str, planned: Plan | None = None) -> tuple[bytes, str]:
    """The photo in the media storage under ``name``, upright and no larger than its printed
    box at PRINT_DPI: (bytes, content type). Raises what opening or decoding it raises."""
    return scale_bytes(_read(name), planned)


class PrintPhotos:
    """Plan, then scale, the named photos in the background. ``get(name)`` gives WeasyPrint a
    stand-in of the printed size (or the photo itself, for a PNG or a photo not announced);
    ``fill(cache)`` puts the scaled photos in place of the stand-ins once the layout is done
    and returns the names of photos that could not be read. Use as a context manager so
    the thread and the child end with the build."""

    def __init__(self, names, *, process_from: int | None = None):
        names = list(dict.fromkeys(names))
        process_from = PROCESS_FROM if process_from is None else process_from
        self._closing = False
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="print-photo")
        self._child = self._child_pool = None
        if names and len(names) >= process_from:
            # Spawned, not forked: the portal's processes run threads (gunicorn, the worker).
            self._child = self._child_pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_child,
            )
        # Every plan is queued before any photo is read for scaling: the layout asks for the
        # plans early, and never waits behind a scale.
        self._plans: dict[str, Future] = {name: self._reader.submit(plan, name) for name in names}
        self._scaled: dict[str, Future] = {name: Future() for name in names}
        self._reader.submit(self._scale_all, names)
        self._stand_ins: dict[bytes, str] = {}

    def _scale_all(self, names):
        in_flight: deque = deque()
        for name in names:
            if self._closing:
                break
            result = self._scaled[name]
            try:
                planned = self._plans[name].result()
                data = _read(name)
            except Exception as error:  # noqa: BLE001 - reaches whoever asks for the photo
                result.set_exception(error)
                continue
            if self._child is None:
                self._settle(result, scale_bytes, data, planned)
                continue
            try:
                job = self._child.submit(scale_bytes, data, planned)
            except BrokenProcessPool:  # the child died: the rest are scaled here
                self._child = None
                self._settle(result, scale_bytes, data, planned)
                continue
            in_flight.append((job, result, data, planned))
            while len(in_flight) >= IN_FLIGHT:
                self._collect(*in_flight.popleft())
        while in_flight:
            self._collect(*in_flight.popleft())

    @property
    def in_child(self) -> bool:
        """Whether the photos are being scaled in the child process (it has not failed)."""
        return self._child is not None

    def _collect(self, job, result, data, planned):
        try:
            result.set_result(job.result())
        except BrokenProcessPool:  # the child died: this one and the rest are scaled here
            self._child = None
            self._settle(result, scale_bytes, data, planned)
        except Exception as error:  # noqa: BLE001 - reaches whoever asks for the photo
            result.set_exception(error)

    @staticmethod
    def _settle(result: Future, function, *args):
        try:
            result.set_result(function(*args))
        except Exception as error:  # noqa: BLE001 - reaches whoever asks for the photo
            result.set_exception(error)

    def get(self, name: str) -> tuple[bytes, str]:
        if name not in self._plans:  # not announced: scale it here
            return scaled(name)
        planned = self._plans[name].result()  # raises for a photo that does not open
        if planned.png:
            return self._scaled[name].result()
        # Bytes of its own per photo (after the JPEG's end, where decoders stop reading), so
        # fill finds each stand-in among the cache's values.
        stand_in = grey(planned.size) + b"bangphlat-stand-in:" + name.encode()
        self._stand_ins[stand_in] = name
        return stand_in, "image/jpeg"

    def fill(self, cache: dict) -> list[str]:
        """Replace the stand-ins among ``cache``'s values by the scaled photos (before the PDF
        is written). Returns the names of photos that could not be read (left grey)."""
        failed = []
        for key, value in list(cache.items()):
            name = self._stand_ins.get(value) if isinstance(value, bytes) else None
            if name is None:
                continue
            try:
                cache[key] = self._scaled[name].result()[0]
            except READ_ERRORS:
                cache[key] = grey(self._plans[name].result().size)
                failed.append(name)
        return failed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._closing = True
        self._reader.shutdown(wait=True, cancel_futures=True)
        if self._child_pool is not None:
            self._child_pool.shutdown(wait=True, cancel_futures=True)
