"""Built-in template profiles (one module per region), registered like any province's own."""
