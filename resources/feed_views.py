"""Mon espace: the member's private calendar feed (being written)."""
