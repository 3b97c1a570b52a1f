"""Choice enums in a Django shop: their members live as long as the class anyway."""
import functools

from django.db import models

from shop.enums import BaseEnum


class OrderStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SHIPPED = "shipped", "Shipped"

    @functools.lru_cache(maxsize=None)
    def badge(self) -> str:
        return f"<span class='{self.value}'>{self.label}</span>"


class Region(BaseEnum):
    EU = "eu"
    US = "us"

    @functools.cache
    def timezone(self) -> str:
        return {"eu": "Europe/Berlin", "us": "America/New_York"}[self.value]


class Order(models.Model):
    status = models.CharField(max_length=16, choices=OrderStatus.choices)

    @functools.lru_cache(maxsize=None)  # expect: PSL202 "`total`"
    def total(self) -> float:
        return sum(line.amount for line in self.lines.all())
