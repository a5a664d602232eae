"""The django-q2 worker (`manage.py qcluster`): a stop that takes seconds, and a start that
sends at once what is due.

Why django-q2's own stop could take more than 40 s: on SIGTERM or Ctrl-C, its Sentinel stops
the pusher, then puts one "STOP" pill per worker *behind* the tasks the pusher had already
fetched into the cluster's local queue (up to workers² of them), and waits, with no limit,
for the workers to run all of those and finish their current task. A task may run for
`Q_CLUSTER["timeout"]` seconds (an SMTP delivery alone may wait EMAIL_TIMEOUT per attempt),
so a stop could wait for several of them in a row.

`GracefulSentinel` bounds that wait:
1. the pusher stops fetching; the tasks it had fetched but no worker had begun go back to
   the broker (with the ORM broker they would otherwise stay locked for `retry` seconds;
   with Redis they would be lost);
2. the workers get STOP_GRACE seconds to finish the task in hand;
3. a worker still busy then gets SIGTERM: `interrupt_on_sigterm` turns it into an exception
   raised inside the task (a SystemExit, like django-q2's own timeout, so `except Exception`
   in a task does not swallow it). The task's transaction rolls back: an e-mail being sent
   is either sent (its outbox row deleted in the same transaction) or still in the outbox,
   untouched, for the next start. The broker was not acknowledged, so the task comes back.

Tasks must therefore be idempotent (they are: see home/mail.py), and an e-mail whose SMTP
exchange finished in the very instant of the interruption may be sent twice (at least once,
never lost).

A signal sent to the whole process group (a container or a systemd unit stopping) reaches
every process at once: django-q2's Sentinel and helpers die at once (their SIGTERM is the
default action), each worker interrupts its task as above, and nothing is lost either.

On start, `send_due_mail` hands every due outbox message to the broker, instead of waiting
for the scheduled sweep (every 5 minutes, and the scheduler first runs 30 s after a start).
It runs once per cluster start, in the Sentinel, after the pool is up. django-q2's signals
do not fit: `post_spawn` fires in every worker, and again each time one is recycled or
reincarnated; `pre_enqueue` fires for each task enqueued, not when the cluster starts.
"""

import logging
import queue
import signal
import time

from django_q.cluster import Sentinel
from django_q.exceptions import TimeoutException
from django_q.signals import post_execute_in_worker, post_spawn, pre_execute
from django_q.signing import SignedPackage
from django_q.status import Stat

logger = logging.getLogger(__name__)

STOP_GRACE = 4  # seconds a running task gets to finish when the worker is asked to stop
JOIN_TIMEOUT = 1  # seconds to wait for a helper process after telling it to stop


class ShutdownInterrupt(TimeoutException):
    """Raised inside a running task when its worker must stop (SIGTERM). A SystemExit, as
    django-q2's own timeout: `except Exception` in a task lets it through, so the task's
    transaction rolls back, and the worker reports the task as not done and exits."""


class GracefulSentinel(Sentinel):
    """django-q2's Sentinel (it runs the pool, the pusher and the monitor) with a start that
    sends what is due and a stop bounded by STOP_GRACE (see the module's docstring)."""

    def start(self):
        self.broker.ping()
        self.spawn_cluster()
        send_due_mail()
        logger.info("worker: running")
        self.guard()

    def stop(self):
        Stat(self).save()
        logger.info("worker: stopping")
        deadline = time.monotonic() + STOP_GRACE
        self.event_out.set()  # the pusher stops fetching…
        while self.pusher.is_alive() and time.monotonic() < deadline:
            self.hand_back_fetched_tasks()  # (it may be waiting to put into a full local queue)
            self.pusher.join(0.1)
        if self.pusher.is_alive():
            # Still waiting for the database (SQLite's lock): a task it fetched stays locked
            # in the broker and is handed out again after `retry` seconds.
            self.pusher.terminate()
            self.pusher.join(JOIN_TIMEOUT)
        self.hand_back_fetched_tasks()
        for _process in self.pool:
            self.task_queue.put("STOP")
        while self.busy_workers() and time.monotonic() < deadline:
            time.sleep(0.1)
        busy = self.busy_workers()
        for process in busy:
            process.terminate()  # SIGTERM: interrupt_on_sigterm interrupts the task
        for process in busy:
            process.join(JOIN_TIMEOUT)
        if busy:
            logger.warning("worker: %s task(s) interrupted by the stop; they will run again", len(busy))
        self.pool = []
        self.result_queue.put("STOP")  # the monitor records the last results, then stops
        self.monitor.join(JOIN_TIMEOUT)
        Stat(self).save()
        logger.info("worker: stopped")

    def busy_workers(self):
        return [process for process in self.pool if process.is_alive()]

    def hand_back_fetched_tasks(self):
        """Give the broker back the tasks fetched but not begun, ready to run at once."""
        while True:
            try:
                task = self.task_queue.get(timeout=0.05)
            except queue.Empty:
                return
            if task == "STOP":
                continue
            ack_id = task.pop("ack_id", None)
            task.pop("cluster", None)
            self.broker.enqueue(SignedPackage.dumps(task))
            if ack_id is not None:
                self.broker.fail(ack_id)  # ORM: deletes the locked copy; Redis: nothing to do


def send_due_mail():
    """Hand due outbox messages to the broker now (the cluster is starting). Never stops the
    cluster from starting: the scheduled sweep remains."""
    from home.mail import sweep_outbox

    try:
        count = sweep_outbox()
    except Exception as error:  # noqa: BLE001 - the scheduled sweep will try again
        logger.warning("worker start: outbox sweep failed (%s)", type(error).__name__)
        return 0
    if count:
        logger.info("worker start: %s due e-mail(s) handed to the worker", count)
    return count


# In each worker process: is a task running? (set by django-q2's own signals, sent in the worker)
_running = {"task": False}


def _task_starts(**kwargs):
    _running["task"] = True


def _task_ends(**kwargs):
    _running["task"] = False


def _on_sigterm(signum, frame):
    if _running["task"]:
        _running["task"] = False
        raise ShutdownInterrupt("worker stopping: task interrupted, it will run again")
    raise SystemExit(0)  # idle: nothing to finish


def interrupt_on_sigterm(**kwargs):
    """post_spawn receiver (runs in each new worker process): SIGTERM interrupts the running
    task, or ends an idle worker. django-q2 leaves the default action, which kills the
    process outright. SIGINT stays ignored (django-q2's choice): the cluster's main process
    handles Ctrl-C for all of them."""
    signal.signal(signal.SIGTERM, _on_sigterm)


def install():
    """Called by our `qcluster` command before the cluster starts. django-q2 1.11 names its
    Sentinel class inside `Cluster.start`, with no setting to choose another: replacing the
    module's name, in the worker's own process only, is its one extension point."""
    import django_q.cluster

    django_q.cluster.Sentinel = GracefulSentinel
    post_spawn.connect(interrupt_on_sigterm, dispatch_uid="home.worker.interrupt_on_sigterm")
    pre_execute.connect(_task_starts, dispatch_uid="home.worker.task_starts")
    post_execute_in_worker.connect(_task_ends, dispatch_uid="home.worker.task_ends")

