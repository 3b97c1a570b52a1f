"""Analytics export: load user profiles, pseudonymize them and write a CSV for the data
warehouse. Prints the file's size, checksum and first lines.

Usage: python3 user_export.py [N]
"""
import csv
import hashlib
import os
import sys
import tempfile

SALT = b"export-2024-q1"
LOCALES = ["de_DE", "en_GB", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL"]


def load_users(n: int) -> list[dict]:
    users = []
    for i in range(n):
        users.append({
            "id": 100000 + i,
            "email": f"firstname.lastname{i}@customer-domain-{i % 71}.example.com",
            "phone": f"+49 30 {i % 1000:03d} {i * 7 % 10000:04d}",
            "locale": LOCALES[i % len(LOCALES)],
            "birth_year": 1950 + (i * 13) % 55,
            "bio": f"Member since {2005 + i % 19}. Likes {('hiking', 'chess', 'jazz', 'cooking')[i % 4]} "
                   f"and {('cats', 'dogs', 'birds')[i % 3]}. Referral code R{i * 17 % 99991:05d}.",
        })
    return users


def _pseudonym(value: str) -> str:
    return hashlib.blake2b(value.encode(), key=SALT, digest_size=10).hexdigest()


def pseudonymize(users: list[dict]) -> list[dict]:
    return [
        {
            "uid": _pseudonym(str(u["id"])),
            "email_hash": _pseudonym(u["email"]),
            "domain": u["email"].split("@", 1)[1],
            "locale": u["locale"],
            "age_band": f"{(2024 - u['birth_year']) // 10 * 10}s",
            "bio_words": len(u["bio"].split()),
        }
        for u in users
    ]


def to_rows(records: list[dict]) -> list[list[str]]:
    rows = []
    for r in records:
        rows.append([r["uid"], r["email_hash"], r["domain"], r["locale"], r["age_band"], str(r["bio_words"])])
    return rows


def write_csv(path: str, rows) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["uid", "email_hash", "domain", "locale", "age_band", "bio_words"])
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "users.csv")
        count = write_csv(path, to_rows(pseudonymize(load_users(n))))
        size = os.path.getsize(path)
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while chunk := fh.read(1 << 16):
                digest.update(chunk)
        with open(path, encoding="utf-8") as fh:
            head = [fh.readline().rstrip("\r\n") for _ in range(4)]
    print(f"rows={count} bytes={size} sha256={digest.hexdigest()[:24]}")
    for line in head:
        print("  " + line)


if __name__ == "__main__":
    main(sys.argv)
