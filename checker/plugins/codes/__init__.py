"""codes checks (being written)."""
