"""Connection pool package."""
from .registry import _handlers as event_handlers
