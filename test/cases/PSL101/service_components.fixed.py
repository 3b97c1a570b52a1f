"""Nightly import: the service is wired with its parts; each part returns a new list of rows."""


class RowCleaner:
    def clean(self, rows):
        return ({k.strip().lower(): v.strip() for k, v in row.items()} for row in rows if any(row.values()))


class GeoEnricher:
    def __init__(self, regions):
        self.regions = regions

    def enrich(self, rows):
        for row in rows:
            row = dict(row)
            row["region"] = self.regions.get(row["country"], "other")
            yield row


class ImportJob:
    def __init__(self, enricher: GeoEnricher):
        self.cleaner = RowCleaner()
        self.enricher = enricher

    def run(self, reader, sink):
        rows = self.cleaner.clean(reader)  # expect: PSL101 "`clean()` → `enrich()`"
        for row in self.enricher.enrich(rows):
            sink.send(row)
