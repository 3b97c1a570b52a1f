"""Warehouse ETL (intern)."""
