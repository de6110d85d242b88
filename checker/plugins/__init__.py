"""The built-in check families. Each registers through the ``checker`` entry-point group, exactly
as a third-party plugin would (see setup.cfg)."""
