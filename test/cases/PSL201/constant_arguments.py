"""Schema and template loading for the invoice renderer."""
import functools
import json
from pathlib import Path

SCHEMA_DIR = Path(__file__).parent / "schemas"
TEMPLATE_DIR = Path(__file__).parent / "templates"
LOCALES = ("en", "de", "fr")


@functools.lru_cache(maxsize=None)
def load_schema(name):
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text())


@functools.cache
def load_messages(locale):
    return json.loads((TEMPLATE_DIR / "messages" / f"{locale}.json").read_text())


@functools.lru_cache(maxsize=None)  # expect: PSL201 "maxsize=None"
def load_customer_template(customer_id):
    return (TEMPLATE_DIR / "customers" / f"{customer_id}.html").read_text()


def validate_invoice(doc):
    schema = load_schema("invoice")
    return all(key in doc for key in schema["required"])


def validate_credit_note(doc):
    schema = load_schema("credit_note")
    return all(key in doc for key in schema["required"])


def check_translations():
    missing = []
    for locale in LOCALES:
        messages = load_messages(locale)
        missing.extend(f"{locale}:{k}" for k in ("total", "due") if k not in messages)
    return missing


def render(invoice):
    template = load_customer_template(invoice["customer_id"])
    return template.format(**invoice)
