"""Arena game server."""
