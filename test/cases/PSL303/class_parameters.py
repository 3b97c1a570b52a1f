"""Device simulator: a bus builds devices from the class it is handed, each device keeps its bus."""
from __future__ import annotations

from typing import Type


class Bus:
    def __init__(self, name: str) -> None:
        self.name = name
        self.devices: list[Device] = []

    def attach(self, device_cls: type[Device], address: int) -> Device:
        device = device_cls(self, address)
        self.devices.append(device)
        return device

    def plug(self, driver: Type[Driver], address: int) -> Driver:
        # Drivers only learn the bus name: nothing points back at the bus.
        drv = driver(self.name, address)
        self.devices.append(drv)
        return drv


class Device:
    def __init__(self, bus: Bus, address: int) -> None:
        self.bus = bus
        self.address = address


class Sensor(Device):
    def __init__(self, bus: Bus, address: int) -> None:
        super().__init__(bus, address)
        self.log = open(f"sensor-{address:02x}.log", "a")

    def __del__(self) -> None:  # expect: PSL303 "self.bus = bus"
        self.log.close()


class Driver:
    def __init__(self, bus_name: str, address: int) -> None:
        self.bus_name = bus_name
        self.address = address


class LoggingDriver(Driver):
    def __init__(self, bus_name: str, address: int) -> None:
        super().__init__(bus_name, address)
        self.log = open(f"driver-{address:02x}.log", "a")

    def __del__(self) -> None:
        self.log.close()
