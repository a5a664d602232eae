"""The calendar on the site (being written)."""
