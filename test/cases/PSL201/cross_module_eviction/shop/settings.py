"""Deployment settings."""
USER_CACHE_SIZE = None
ORG_CACHE_SIZE = None
PLAN_CACHE_SIZE = 300
