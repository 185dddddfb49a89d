"""What every process imports when it starts (gunicorn's workers, the task worker, commands).

The spreadsheet readers (openpyxl, through django-import-export's formats) and fontTools'
table builder belong to an import and to the first PDF; at start-up they cost each process
about 0.1 s (issue 24). A fresh interpreter is used: this one has imported everything."""

import subprocess
import sys

from django.conf import settings

START = """
import os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "bangphlat.settings"
import django
django.setup()
from django.urls import resolve
resolve("/")  # the whole URL configuration: every app's views
import handbook.render, training.certificates  # the PDF makers' modules, not a PDF yet
print(" ".join(sorted(name for name in sys.modules if name.split(".")[0] in
                      ("openpyxl", "fontTools", "import_export"))))
"""


def test_a_process_starts_without_the_spreadsheet_readers_or_the_font_builder():
    loaded = subprocess.run(
        [sys.executable, "-c", START],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert not [name for name in loaded if name.startswith("openpyxl")]
    assert "import_export.formats.base_formats" not in loaded
    assert "fontTools.otlLib.builder" not in loaded
