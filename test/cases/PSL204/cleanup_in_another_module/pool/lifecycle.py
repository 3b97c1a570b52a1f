"""Closing connections takes them out of the registry."""
from .registry import PooledConnection, _active


def close(conn: PooledConnection) -> None:
    _active.remove(conn)


def handle_query(dsn, sql):
    conn = PooledConnection(dsn)
    try:
        return sql
    finally:
        close(conn)
