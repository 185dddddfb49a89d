"""All reference data in one call, for tests that flush the database (browser tests) and
for repairing a database by hand. The data migrations load the same data with the same
functions.

The kernel knows no domain app: each app that owns reference data registers its loader in
``AppConfig.ready()``. Apps become ready in ``INSTALLED_APPS`` order, which lists them bottom
to top (ARCHITECTURE.md), so the loaders run in layer order: districts before the activity
types and topics that follow them.
"""

from collections.abc import Callable

_loaders: list[Callable[[], None]] = []


def register_reference_loader(loader: Callable[[], None]) -> None:
    """``loader()`` puts the app's reference rows back (idempotent)."""
    if loader not in _loaders:
        _loaders.append(loader)


def ensure_reference_data() -> None:
    for loader in _loaders:
        loader()
