"""Tables, connections and migrations. Knows nothing of screens or use cases."""
