"""Parsing of the identity provider's audit log lines (key=value records)."""


class AuditLogParser:
    def __init__(self, tz: str = "UTC") -> None:
        self.tz = tz

    def _split(self, line: str) -> dict:
        fields = {}
        for part in line.split(" "):
            key, sep, value = part.partition("=")
            if sep:
                fields[key] = value
        return fields

    def parse(self, lines) -> list[dict]:
        events = []
        for line in lines:
            if not line or line.startswith("#"):
                continue
            fields = self._split(line)
            events.append({
                "actor": fields.get("actor", "?"),
                "action": fields.get("action", "?"),
                "resource": fields.get("resource", ""),
                "ip": fields.get("ip", ""),
                "hour": int(fields.get("hour", "0")),
                "tz": self.tz,
                "raw": line,
            })
        return events
