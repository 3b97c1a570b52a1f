"""Web handlers."""
from shop.cache import load_org, load_user


def on_user_updated(event):
    load_user.cache_clear()
    return load_org(event["org_id"])
