"""yoy checks (being written)."""
