"""gunicorn settings (Procfile: `gunicorn config.wsgi -c config/gunicorn.py`)."""

import os
import re

from gunicorn.glogging import Logger

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# No client address and no query string: search terms and reset links are personal data
# (charter: "devoir de discrétion"); the path is masked where it carries a private token.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

PRIVATE_PATHS = [
    (re.compile(r"^(/(?:en/)?reseau/candidature/modifier/)[^/]+/"), r"\1…/"),
    (re.compile(r"^(/(?:en/)?compte/mot-de-passe/)[^/]+/[^/]+/"), r"\1…/"),
]


def mask_path(path):
    for pattern, replacement in PRIVATE_PATHS:
        path = pattern.sub(replacement, path)
    return path


class PrivacyLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = mask_path(atoms.get("U", ""))
        return atoms


logger_class = PrivacyLogger
