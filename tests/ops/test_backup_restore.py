"""Backup and restore: a backup of a working portal restores into a fresh database and an
empty media folder with the same rows in every table and the same files, and a restored
handbook downloads. A restore never overwrites data unless told to, and never starts from a
damaged backup. The round trip runs the real commands on scratch databases (SQLite files, or
PostgreSQL databases ``<test db>_restore_<random>`` when the tests run there)."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.scratchdb import manage, manage_env, scratch_database, table_counts

REQUEST_BUILD = """
from accounts.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from handbook import services
services.request_build(by=User.objects.get(username="strategy"))
default_storage.save("lessons/files/รายงานผลการดำเนินงาน.pdf", ContentFile(b"%PDF-1.4 report"))
"""
DOWNLOAD = """
import hashlib
from django.test import Client
from django.test.utils import setup_test_environment
from accounts.models import User
from handbook.models import Edition
setup_test_environment()
client = Client()
client.force_login(User.objects.get(username="strategy"), backend="django.contrib.auth.backends.ModelBackend")
edition = Edition.objects.get(status="ready")
response = client.get(f"/handbook/editions/{edition.pk}/download/")
print(response.status_code, hashlib.sha256(b"".join(response.streaming_content)).hexdigest())
"""


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def portal(tmp_path):
    """A portal in use: demo data, a built handbook edition, an uploaded file."""
    with scratch_database(tmp_path, "restore") as url:
        env = manage_env(url, tmp_path / "media")
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "seed_demo")
        manage(env, "shell", "-c", REQUEST_BUILD)
        manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
        yield url, env


@pytest.fixture
def fresh(tmp_path):
    """A new machine: an empty database (never migrated) and no media folder yet."""
    with scratch_database(tmp_path, "restore") as url:
        yield url, manage_env(url, tmp_path / "restored-media")


def test_a_backup_restores_to_identical_rows_and_files_the_handbook_downloads_and_a_second_restore_needs_force(
    portal, fresh, tmp_path
):
    source_url, source_env = portal
    target_url, target_env = fresh
    backup = tmp_path / "backups" / "2026-11-25"

    made = manage(source_env, "backup", "--out", str(backup))
    restored = manage(target_env, "restore", str(backup))

    manifest = json.loads((backup / "manifest.json").read_text())
    assert "สำรองข้อมูลไว้ที่" in made.stdout and "กู้คืนเสร็จ" in restored.stdout
    counts = table_counts(source_url)
    assert counts["handbook_edition"] == 1 and counts["lessons_lesson"] > 0
    assert table_counts(target_url) == counts == manifest["tables"]
    files = checksums(tmp_path / "media")
    # The lesson's file, the handbook's tagged PDF and its archival PDF/A copy.
    assert "lessons/files/รายงานผลการดำเนินงาน.pdf" in files and len(files) == 3
    assert checksums(tmp_path / "restored-media") == files
    assert {name: item["sha256"] for name, item in manifest["media"].items()} == files
    assert manifest["versions"]["django"] and manifest["database"]["vendor"] in manifest["versions"]

    status, digest = manage(target_env, "shell", "-c", DOWNLOAD).stdout.split()[-2:]
    pdf = next(
        name for name in files if name.startswith("handbooks/") and not name.endswith("-pdfa.pdf")
    )
    assert (status, digest) == ("200", files[pdf])

    # Restoring again onto the portal now in use is refused, unless forced.
    refused = manage(target_env, "restore", str(backup), check=False)
    assert refused.returncode == 1
    assert "ไม่กู้คืนทับข้อมูลเดิม" in refused.stderr and "--force" in refused.stderr
    assert "กู้คืนเสร็จ" in manage(target_env, "restore", str(backup), "--force").stdout
    assert table_counts(target_url) == counts


# --- Refusals, in-process ----------------------------------------------------------------
@pytest.fixture
def backup(transactional_db, tmp_path, settings):
    # Outside a test transaction: SQLite's backup API cannot read from a connection inside a
    # write transaction, and with "transaction_mode": "IMMEDIATE" every atomic block is one.
    (settings.MEDIA_ROOT / "handbooks").mkdir(parents=True)
    (settings.MEDIA_ROOT / "handbooks" / "edition.pdf").write_bytes(b"%PDF-1.4")
    folder = tmp_path / "backup"
    call_command("backup", out=folder, stdout=io.StringIO())
    return folder


def test_a_backup_into_a_folder_with_files_is_refused(backup):
    with pytest.raises(CommandError, match="มีไฟล์อยู่แล้ว"):
        call_command("backup", out=backup)


def test_a_restore_into_the_working_database_is_refused(backup, settings):
    with pytest.raises(CommandError, match="ฐานข้อมูลมีตารางอยู่แล้ว"):
        call_command("restore", backup)
    assert (settings.MEDIA_ROOT / "handbooks" / "edition.pdf").read_bytes() == b"%PDF-1.4"


def test_a_damaged_backup_is_refused_before_anything_is_touched(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    with open(backup / manifest["database"]["file"], "ab") as dump:
        dump.write(b"damage")
    with pytest.raises(CommandError, match="เสียหาย"):
        call_command("restore", backup, force=True)


def test_a_folder_that_is_not_a_backup_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("restore", tmp_path)


def test_the_manifest_lists_every_file_with_its_checksum(backup):
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["media"] == {
        "handbooks/edition.pdf": {
            "sha256": hashlib.sha256(b"%PDF-1.4").hexdigest(),
            "bytes": 8,
        }
    }
    assert manifest["tables"]["districts_district"] == 50
    assert (backup / "media" / "handbooks" / "edition.pdf").read_bytes() == b"%PDF-1.4"


def test_a_backup_that_cannot_be_written_says_so_without_a_traceback(db, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(CommandError, match="สำรองข้อมูลไม่สำเร็จ"):
        call_command("backup", out=tmp_path / "a-file" / "backup")
