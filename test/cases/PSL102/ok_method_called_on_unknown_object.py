"""Exporters: each format has a `rows()` method; callers get an exporter from a factory."""


class CsvExporter:
    def __init__(self, records):
        self.records = records

    def rows(self):
        return [",".join(map(str, r)) for r in self.records]

    def write(self, out):
        for row in self.rows():
            out.write(row + "\n")


def preview(exporter):
    first = exporter.rows()
    return first[:5]
