"""The site search: French words (text.py), the search backend that indexes and queries them
(backend.py), and what a result shows (results.py)."""
