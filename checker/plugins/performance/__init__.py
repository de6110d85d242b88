"""performance checks (being written)."""
