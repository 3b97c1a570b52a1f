"""An async repository over aiosqlite: awaited full fetches and direct iteration."""
import aiosqlite


async def active_emails(db_path: str) -> list[str]:
    async with aiosqlite.connect(db_path) as db:
        cursor = await db.execute("SELECT email FROM users WHERE active")
        rows = await cursor.fetchall()  # expect: PSL105
        return [row[0] for row in rows]


async def total_spend(db_path: str) -> float:
    async with aiosqlite.connect(db_path) as db:
        cursor = await db.execute("SELECT amount FROM orders")
        return sum(r[0] for r in await cursor.fetchall())  # expect: PSL105


async def emails_and_count(db_path: str) -> tuple[list[str], int]:
    async with aiosqlite.connect(db_path) as db:
        cursor = await db.execute("SELECT email FROM users")
        rows = await cursor.fetchall()
        # Used twice: the list is needed.
        return [row[0] for row in rows], len(rows)


async def match_command(db_path: str, command: str) -> int:
    async with aiosqlite.connect(db_path) as db:
        cursor = await db.execute("SELECT id FROM jobs")
        match command:
            case "count":
                rows = await cursor.fetchall()
                return len(rows)
            case _:
                return 0
