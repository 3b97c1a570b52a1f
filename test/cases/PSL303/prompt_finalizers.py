"""Finalizers of objects that are not part of a cycle: they run promptly."""
import os
import weakref


class TempFile:
    def __init__(self, path: str) -> None:
        self.path = path
        self.fh = open(path, "w", encoding="utf-8")
        self.name_upper = path.upper()

    def __del__(self) -> None:
        self.fh.close()
        os.unlink(self.path)


class Handle:
    def __init__(self, registry: "Registry", fd: int) -> None:
        self.fd = fd
        registry.handles[fd] = weakref.ref(self)

    def __del__(self) -> None:
        os.close(self.fd)


class Registry:
    def __init__(self) -> None:
        self.handles: dict[int, weakref.ref] = {}


class Buffer:
    def __init__(self, size: int) -> None:
        self.data = bytearray(size)
        self.view = memoryview(self.data)

    def __del__(self) -> None:
        self.view.release()


class Child:
    def __init__(self, parent: "Parent") -> None:
        self.parent_name = parent.name

    def __del__(self) -> None:
        print("child freed")


class Parent:
    def __init__(self, name: str) -> None:
        self.name = name
        self.kids = [Child(self)]


class WeakListener:
    def __init__(self, source) -> None:
        self.source = source
        source.listeners.add(weakref.WeakMethod(self.on_event))

    def on_event(self, event) -> None:
        pass

    def __del__(self) -> None:
        print("listener freed")


class Once:
    def __init__(self, loop) -> None:
        self.loop = loop
        loop.call_soon(self.run)

    def run(self) -> None:
        pass

    def __del__(self) -> None:
        print("once freed")
