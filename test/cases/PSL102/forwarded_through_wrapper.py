"""User directory: active users come from the LDAP dump via a thin wrapper."""


def load_users(dump):  # expect: PSL102
    users = []
    for entry in dump:
        users.append({"uid": entry["uid"], "mail": entry.get("mail", ""), "active": not entry.get("locked")})
    return users


def active_users(dump):
    return load_users(dump)


def mailing_list(dump):
    return ", ".join(u["mail"] for u in active_users(dump) if u["active"] and u["mail"])
