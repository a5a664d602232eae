"""Mon espace: the member's events (being written)."""
