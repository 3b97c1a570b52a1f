"""A small in-process event bus: topics map to lists of callbacks."""
