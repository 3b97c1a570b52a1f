"""IoT telemetry ingestion pipeline."""
