"""Benchmark: a ~200-page handbook from about 150 approved lessons with photos.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangphlat_bench .venv/bin/python bench/bench_handbook.py

Targets: full build ≤ 30 s on the 2-core machine and ≤ 2× Chromium's print-to-PDF of the same
HTML (issue 24), peak memory ≤ 1 GB, cached download ≤ 50 ms. The build and Chromium are each
timed three times (medians).
"""

import io
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from common import ROOT, ensure_large_dataset, logged_in_client  # noqa: I001

RUNS = 3


def add_photos():
    """One generated 1200×800 JPEG per approved lesson, listed in its approved revision (the
    book prints only the photos approved with the revision; a photo added to the working copy
    alone never reaches it). Idempotent."""
    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    from lessons.models import Lesson, LessonPhoto

    lessons = Lesson.objects.approved().select_related("approved_revision")
    for index, lesson in enumerate(lessons.prefetch_related("photos")):
        photo = next(iter(lesson.photos.all()), None)
        if photo is None:
            image = Image.new("RGB", (1200, 800), (40 + index % 150, 110, 80))
            draw = ImageDraw.Draw(image)
            for step in range(0, 1200, 60):
                draw.line([(step, 0), (1200 - step, 800)], fill=(240, 230, 200), width=3)
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=85)
            photo = LessonPhoto(lesson=lesson, caption=f"กิจกรรมของชุมชน ภาพที่ {index + 1}")
            photo.image.save(f"bench-{lesson.pk}.jpg", ContentFile(buffer.getvalue()), save=True)
        revision = lesson.approved_revision
        if photo.pk not in revision.photo_ids():
            # As the approval records it (lessons.services): id and caption in the revision.
            revision.photos = [*revision.photos, {"id": photo.pk, "caption": photo.caption}]
            revision.save(update_fields=["photos"])


def main():
    from django.conf import settings
    from pypdf import PdfReader

    from accounts.models import User
    from handbook import content, render, services
    from handbook.models import Edition

    ensure_large_dataset()
    add_photos()
    strategy = User.objects.get(username="strategy")

    # Full build in a child process, to measure its own peak memory. Three runs, the median
    # (the 2-core machine drifts by a second from one run to the next; Chromium too).
    out = Path(tempfile.mkdtemp()) / "book.pdf"
    builds = []
    for _run in range(RUNS):
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "manage.py", "build_handbook", "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        builds.append(time.perf_counter() - start)
        print(result.stdout.strip() or result.stderr[-500:])
    build_s = median(builds)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"full build: {build_s:.1f} s wall (median of {RUNS}: {', '.join(f'{b:.1f}' for b in builds)}), "
        f"peak memory {peak_mb:.0f} MB, {out.stat().st_size / 1e6:.1f} MB file"
    )

    # Cached download: the edition for this content already exists.
    Edition.objects.filter(content_hash=content.content_hash(content.collect())).delete()
    edition, _ = services.request_build(by=strategy, enqueue=False)
    start = time.perf_counter()
    edition = services.run_build(edition.pk)
    print(
        f"portal build (the task worker's: accessible and archival PDF, stored): "
        f"{time.perf_counter() - start:.1f} s"
    )
    client = logged_in_client("strategy")
    url = f"/handbook/editions/{edition.pk}/download/"
    client.get(url)

    def median_ms(action, runs=20):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            action()
            times.append((time.perf_counter() - start) * 1000)
        return sorted(times)[runs // 2]

    def download():
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)

    reused = []
    download_ms = median_ms(download)
    check_ms = median_ms(
        lambda: reused.append(not services.request_build(by=strategy, enqueue=False)[1])
    )
    print(f"cached download ({edition.file.size / 1e6:.1f} MB): median {download_ms:.1f} ms")
    print(
        f"unchanged-content check (snapshot + hash → stored edition): median {check_ms:.1f} ms, reused: {all(reused)}"
    )

    # Chromium print-to-PDF of the same book, as a reference.
    chromium = shutil.which("chromium")
    if chromium:
        from django.utils.safestring import mark_safe

        from bangphlat.thai_breaks import wrap_thai_html

        snapshot = content.collect()
        html, _warnings = render.render_html(
            snapshot, content.edition_meta(title=services.TITLE, number=0), for_pdf=True
        )
        # The same book: Chromium reads the photos from the media folder (WeasyPrint from the
        # storage, through render.STORAGE_SCHEME); without them its book has 60 pages fewer.
        html = html.replace(render.STORAGE_SCHEME, Path(settings.MEDIA_ROOT).as_uri() + "/")
        # And the same lines: WeasyPrint keeps the listed Thai words whole through Pango
        # (bangphlat.pdf_thai_breaks); Chromium can only through a span around each, as the
        # portal's pages give it (the middleware). The print HTML without them is timed too.
        books = {
            "with the word spans a browser gets": wrap_thai_html(mark_safe(html)),  # noqa: S308
            "the print HTML as it is (no word spans)": html,
        }
        chrome_s = {}
        for label, book in books.items():
            page = Path(tempfile.mkdtemp()) / "book.html"
            page.write_text(str(book), encoding="utf-8")
            runs = []
            for _run in range(RUNS):
                start = time.perf_counter()
                subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                                f"--print-to-pdf={page.with_suffix('.pdf')}", page.as_uri()], capture_output=True, timeout=300)  # fmt: skip
                runs.append(time.perf_counter() - start)
            chrome_s[label] = median(runs)
            pages = len(PdfReader(page.with_suffix(".pdf")).pages)
            print(
                f"chromium print-to-pdf, {label}: {chrome_s[label]:.1f} s "
                f"(median of {RUNS}: {', '.join(f'{r:.1f}' for r in runs)}), {pages} pages"
            )
        for label, seconds in chrome_s.items():
            print(f"WeasyPrint / Chromium = {build_s / seconds:.2f} ({label})")


if __name__ == "__main__":
    main()
