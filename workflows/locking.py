"""The process lock: wait for it a bounded time, then give up with a reason.

viewflow's ``select_for_update_lock`` asks for the row with NOWAIT and sleeps between five
attempts (up to several seconds), and it catches the database error inside its own
``atomic`` block: inside an outer transaction (the task API) the transaction is then
aborted and the request ends in a 500. Here the lock is one wait with a timeout:

* PostgreSQL: ``SELECT ... FOR UPDATE`` on the process row with ``lock_timeout`` set for
  that one statement; the second of two clicks waits until the first has committed and
  then finds the task done (a 409 with the reason, see ``middleware.py`` and ``api.py``).
* SQLite: ``FOR UPDATE`` does not exist; the embedded database runs its transactions
  ``IMMEDIATE`` with a busy timeout (settings), so the write lock is taken, or waited for,
  when the transaction begins.

A wait that runs out raises ``FlowLockFailed`` with a Dutch reason; the failed statement
is rolled back to its savepoint, so an outer transaction stays usable.
"""

from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed

BUSY = (
    "Iemand anders werkt op dit moment aan dit dossier of deze melding. "
    "Probeer het over een paar seconden opnieuw."
)


class WaitingLock:
    """``lock_impl`` for our flows: one bounded wait for the process row."""

    def __init__(self, timeout: float | None = None):
        self._timeout = timeout

    @property
    def timeout(self) -> float:
        return self._timeout if self._timeout is not None else settings.WORKFLOW_LOCK_TIMEOUT

    @contextmanager
    def __call__(self, flow_class, process_pk):
        with ExitStack() as scope:
            try:
                # On SQLite the IMMEDIATE transaction takes the write lock here (or waits
                # the busy timeout for it).
                scope.enter_context(transaction.atomic())
                with transaction.atomic():  # a failed wait is rolled back to here
                    self._wait_for_row(flow_class, process_pk)
            except DatabaseError as exc:
                raise FlowLockFailed(_(BUSY)) from exc
            yield

    def _wait_for_row(self, flow_class, process_pk) -> None:
        rows = flow_class.process_class._default_manager.filter(pk=process_pk)
        if connection.vendor != "postgresql":
            rows.select_for_update().exists()
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('lock_timeout')")
            (previous,) = cursor.fetchone()
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [f"{int(self.timeout * 1000)}ms"]
            )
            rows.select_for_update().exists()
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


waiting_lock = WaitingLock()
