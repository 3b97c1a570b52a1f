"""Inventory synchronisation: supplier feeds in, reorder proposals out."""
