"""Shared base class for network clients."""


class Resource:
    closed = False

    def close(self) -> None:
        self.closed = True

    def __del__(self) -> None:  # expect: PSL303 "self.client = client"
        if not self.closed:
            self.close()
