"""Shop back office."""
