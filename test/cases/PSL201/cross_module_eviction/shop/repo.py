"""Database access (stubbed)."""


def product(sku):
    return {"sku": sku}


def profile(user_id):
    return {"id": user_id}


def geoip(ip):
    return "EU"


def owner_of(token):
    return None


def user(user_id):
    return {"id": user_id}


def org(org_id):
    return {"id": org_id}


def plan(plan_id):
    return {"id": plan_id}
