"""gunicorn settings (Procfile: `gunicorn config.wsgi -c config/gunicorn.py`)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"
# No client address and no query string: search terms and reset links are personal data
# (charter: "devoir de discrétion").
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
