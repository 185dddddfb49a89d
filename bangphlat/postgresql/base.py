"""Django's PostgreSQL backend with a cheaper check of a kept connection (settings.DATABASES).

With ``CONN_HEALTH_CHECKS`` Django sends ``SELECT 1`` before the first query of every request
that reuses a connection: one more round trip to the server on every request, about as much as
``/healthz``'s own query. A server that ends a connection (restart, ``pg_terminate_backend``,
idle timeout) sends its last message and closes the socket, so the socket of an idle connection
has something to read only then; it is looked at instead (a ``select`` with no wait), and only
a readable socket gets the round trip, which tells a closed connection from a message the
server may send to idle clients (a changed setting)."""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if (
            self.pool
            or self.connection is None
            or not self.health_check_enabled
            or self.health_check_done
        ):
            return
        if not self._idle_socket_is_quiet() and not self.is_usable():
            self.close()
        self.health_check_done = True

    def _idle_socket_is_quiet(self) -> bool:
        if self.connection.closed:
            return False
        try:
            readable, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the socket is gone already
            return False
        return not readable
