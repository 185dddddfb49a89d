"""Backup and restore of the whole portal: the database and the uploaded and generated files
(activity and lesson photos, attachments, handbook PDFs), which only make sense together (a
restored "ready" handbook needs its PDF).

A backup folder holds ``database.dump`` (PostgreSQL, custom format) or ``database.sqlite3``,
``media/`` (a copy of the default storage's folder) and ``manifest.json``: row counts per
table, the sha256 of every file, the versions it was made with. The manifest is written last,
so a folder without one is an interrupted backup. A restore goes into an empty database and
an empty media folder (``force`` replaces both), then checks counts and checksums against the
manifest.
"""

import hashlib
import json
import platform
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from ops.databases import OpsError, current_database

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = 1


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def media_root() -> Path | None:
    """The local folder of the default storage; None when media live elsewhere (object
    storage keeps its own versions and is backed up with the provider's tools)."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


def _files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _app_commit() -> str | None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


def _applied_migrations() -> dict[str, str]:
    """The last applied migration of each app, to tell a restore from newer code apart."""
    latest: dict[str, str] = {}
    for app, name in sorted(MigrationExecutor(connection).loader.applied_migrations):
        latest[app] = max(name, latest.get(app, ""))
    return latest


def backup_create(*, out: Path) -> dict:
    """Write a backup of the database and the media folder into ``out`` (new or empty) and
    return its manifest."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OpsError(
            _("โฟลเดอร์ %(path)s มีไฟล์อยู่แล้ว: ใช้โฟลเดอร์ใหม่สำหรับการสำรองแต่ละครั้ง") % {"path": out}
        )
    database = current_database()
    out.mkdir(parents=True, exist_ok=True)
    dump = out / database.dump_name
    tables = database.dump(dump)

    # After the database: a file uploaded meanwhile is copied without its row (harmless);
    # the other order would lose the file of a row added meanwhile.
    root = media_root()
    media: dict[str, dict] | None = None
    if root is not None:
        media = {}
        for path in _files(root):
            relative = path.relative_to(root)
            copy = out / MEDIA / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            media[relative.as_posix()] = {"sha256": sha256(copy), "bytes": copy.stat().st_size}

    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": {
            "vendor": database.vendor,
            "file": database.dump_name,
            "sha256": sha256(dump),
            "bytes": dump.stat().st_size,
        },
        "tables": tables,
        "media": media,
        "migrations": _applied_migrations(),
        "versions": {
            "app": _app_commit(),
            "django": django.get_version(),
            "python": platform.python_version(),
            database.vendor: database.server_version(),
        },
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


@dataclass
class RestoreReport:
    manifest: dict
    tables: dict[str, int]
    media_files: int
    media_bytes: int
    problems: list[str] = field(default_factory=list)
    migrations_pending: bool = False


def read_manifest(source: Path) -> dict:
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise OpsError(
            _("ไม่พบ %(file)s ใน %(path)s: ไม่ใช่โฟลเดอร์สำรองข้อมูล หรือการสำรองไม่เสร็จ")
            % {"file": MANIFEST, "path": source}
        ) from error
    except (OSError, ValueError) as error:
        raise OpsError(
            _("อ่าน %(file)s ไม่ได้: %(error)s") % {"file": MANIFEST, "error": error}
        ) from error
    if manifest.get("format") != FORMAT:
        raise OpsError(_("ไม่รู้จักรูปแบบของไฟล์สำรองนี้"))
    return manifest


def backup_restore(*, source: Path, force: bool = False) -> RestoreReport:
    """Restore a backup into this portal's database and media folder, both empty unless
    ``force`` (which replaces them), then compare them with the manifest."""
    manifest = read_manifest(source)
    database = current_database()
    dump = source / manifest["database"]["file"]
    if manifest["database"]["vendor"] != database.vendor:
        raise OpsError(
            _("ไฟล์สำรองนี้มาจาก %(backup)s แต่ฐานข้อมูลปลายทางเป็น %(target)s")
            % {"backup": manifest["database"]["vendor"], "target": database.vendor}
        )
    if not dump.is_file() or sha256(dump) != manifest["database"]["sha256"]:
        raise OpsError(_("ไฟล์ฐานข้อมูลในชุดสำรองหายหรือเสียหาย (checksum ไม่ตรง): ไม่ได้กู้คืนอะไร"))
    root = media_root()
    media = manifest["media"]
    if media is not None and root is None:
        raise OpsError(_("ชุดสำรองมีไฟล์แนบ แต่ที่เก็บไฟล์ของระบบนี้ไม่ใช่โฟลเดอร์ในเครื่อง"))

    occupied = []
    if not database.is_empty():
        occupied.append(_("ฐานข้อมูลมีตารางอยู่แล้ว"))
    if media is not None and _files(root):
        occupied.append(_("โฟลเดอร์ไฟล์แนบ %(path)s มีไฟล์อยู่แล้ว") % {"path": root})
    if occupied and not force:
        raise OpsError(
            _("ไม่กู้คืนทับข้อมูลเดิม: %(reasons)s (ใช้ --force เพื่อแทนที่ทั้งหมด)")
            % {"reasons": "; ".join(occupied)}
        )

    database.load(dump, replace=force)
    connection.close()  # Django's connection must see the restored tables afresh
    if media is not None:
        _replace_media(source / MEDIA, root, media)
    return _verify(manifest, database, root)


def _replace_media(backup: Path, root: Path, media: dict) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for relative in media:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(backup / relative, target)


def _verify(manifest: dict, database, root: Path | None) -> RestoreReport:
    tables = database.counts()
    problems = []
    for table in sorted(set(manifest["tables"]) | set(tables)):
        expected, found = manifest["tables"].get(table), tables.get(table)
        if expected != found:
            problems.append(
                _("ตาราง %(table)s: ควรมี %(expected)s แถว พบ %(found)s")
                % {"table": table, "expected": expected, "found": found}
            )
    media = manifest["media"] or {}
    restored = {p.relative_to(root).as_posix(): p for p in _files(root)} if root else {}
    for name in sorted(set(media) | set(restored)):
        if name not in restored:
            problems.append(_("ไฟล์ %(name)s: ไม่มีหลังกู้คืน") % {"name": name})
        elif name not in media:
            problems.append(_("ไฟล์ %(name)s: ไม่อยู่ในชุดสำรอง") % {"name": name})
        elif sha256(restored[name]) != media[name]["sha256"]:
            problems.append(_("ไฟล์ %(name)s: checksum ไม่ตรง") % {"name": name})
    executor = MigrationExecutor(connection)
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    return RestoreReport(
        manifest=manifest,
        tables=tables,
        media_files=len(media),
        media_bytes=sum(item["bytes"] for item in media.values()),
        problems=problems,
        migrations_pending=pending,
    )
