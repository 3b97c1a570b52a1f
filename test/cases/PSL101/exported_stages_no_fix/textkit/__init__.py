"""Public text toolkit: the stages are library API, so callers outside are unknown."""
from .steps import lowercase, tokenize

__all__ = ["lowercase", "tokenize"]
