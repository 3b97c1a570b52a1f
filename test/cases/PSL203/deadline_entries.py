"""Certificate and OCSP caches for the TLS terminator: entries carry their own deadline."""
import time
from dataclasses import dataclass, field
from typing import Any

CERT_TTL = 3600.0


@dataclass
class Cached:
    value: Any
    deadline: float = field(default_factory=lambda: time.monotonic() + CERT_TTL)

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline


class CertificateStore:
    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self._certs: dict[str, Cached] = {}  # expect: PSL203 "`self._certs`"
        self._ocsp: dict[str, Cached] = {}

    def certificate(self, server_name: str) -> bytes:
        entry = self._certs.get(server_name)
        if entry is not None and not entry.expired:
            return entry.value
        entry = Cached(self.backend.load_cert(server_name))
        self._certs[server_name] = entry
        return entry.value

    def ocsp_response(self, serial: str) -> bytes:
        entry = self._ocsp.get(serial)
        if entry is not None:
            if not entry.expired:
                return entry.value
            del self._ocsp[serial]
        entry = Cached(self.backend.fetch_ocsp(serial))
        self._ocsp[serial] = entry
        return entry.value
