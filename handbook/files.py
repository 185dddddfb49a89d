"""The /media/ files the handbook owns: built editions (registered in
``HandbookConfig.ready()``)."""

from functools import partial

from bangphlat.files import StoredFile
from handbook.access import can_download_edition
from handbook.models import Edition


def edition_file(name: str) -> StoredFile | None:
    edition = Edition.objects.filter(file=name).first()
    if edition is None:
        return None
    return StoredFile(edition.file, partial(can_download_edition, edition=edition))
