"""arithmetic checks (being written)."""
