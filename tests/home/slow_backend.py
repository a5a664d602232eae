import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class HangingBackend(BaseEmailBackend):
    """A mail server that accepts the connection, then never answers: the delivery is still
    running when the worker is asked to stop. Touches SLOW_BACKEND_MARKER when it begins."""

    def send_messages(self, email_messages):
        Path(os.environ["SLOW_BACKEND_MARKER"]).touch()
        time.sleep(120)
        return len(email_messages)
