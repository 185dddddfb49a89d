"""Time and peak memory of a background export of every activity (the task worker's part).

DATABASE_URL=postgres://… .venv/bin/python bench/bench_export_job.py csv|xlsx
"""

import os
import resource
import sys
import tempfile
import time

from common import ensure_large_dataset  # noqa: F401 - sets Django up


def main(fmt):
    from django.conf import settings

    from accounts.models import User
    from bangphlat import export_jobs
    from bangphlat.models import ExportJob
    from communities import selectors

    ensure_large_dataset()
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-exports-")
    user = User.objects.get(username="strategy")
    total = selectors.activities_for_export(user=user, query="").count()
    job = ExportJob.objects.create(user=user, kind="activities", fmt=fmt, total=total)
    start = time.perf_counter()
    export_jobs.run_export(job.pk)
    job.refresh_from_db()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    size = os.path.getsize(job.file.path) // (1024 * 1024) if job.file else 0
    print(
        f"{fmt}: {job.status}, {job.done:,} rows in {time.perf_counter() - start:.0f} s, "
        f"peak RSS {peak} MB, file {size} MB"
    )
    job.file.delete(save=False)
    job.delete()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "csv")
