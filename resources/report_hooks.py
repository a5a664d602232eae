"""Admin reports on events (being written); imported by resources/wagtail_hooks.py."""
