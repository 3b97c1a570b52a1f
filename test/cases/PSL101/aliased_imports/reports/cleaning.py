def drop_test_accounts(rows):
    return [r for r in rows if not r["email"].endswith("@example.com")]
