"""Events' pages and registrations (being written)."""
