"""Other ways out for notices besides the bell and e-mail (LINE), registered by the apps above
from their ``AppConfig.ready()``, so notices never imports them (as the digest sections do).

A channel is told twice, each time inside the writing transaction, so that what it records
rolls back with the notices and a second digest run records nothing:

- ``notified(notices=, modes=, brief=)`` when ``notify`` created notices (``modes`` maps each
  user id to the user's mode; ``brief`` is what may leave the portal, see ``notify``);
- ``digest(user=, mode=, day=, lines=, notices=)`` when a user's daily digest was recorded.

A channel sends nothing itself inside the transaction: it queues its work after commit."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    name: str
    notified: Callable[..., None]
    digest: Callable[..., None]


_channels: dict[str, Channel] = {}


def register_channel(*, name: str, notified, digest) -> None:
    _channels[name] = Channel(name=name, notified=notified, digest=digest)


def registered_channels() -> list[Channel]:
    return list(_channels.values())
