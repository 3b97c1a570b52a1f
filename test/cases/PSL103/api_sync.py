"""Sync customers from a REST API and a pandas export into the local store."""
from __future__ import annotations

import pandas as pd
import requests


class CustomerSync:
    def __init__(self, base_url: str, records: list[dict]) -> None:
        self.base_url = base_url
        self.records = records
        self.headers = {"Accept": "application/json"}

    def normalise(self) -> None:
        # The records handed to the constructor: a data set kept on the instance.
        self.records = [{k.lower(): v for k, v in r.items()} for r in self.records]  # expect: PSL103 "`self.records`"
        self.headers = {k.title(): v for k, v in self.headers.items()}

    def pull(self) -> list[dict]:
        customers = requests.get(f"{self.base_url}/customers", timeout=30).json()["customers"]
        customers = [c for c in customers if not c.get("deleted")]  # expect: PSL103 "json"
        return customers

    def pull_pages(self) -> list[dict]:
        response = requests.get(f"{self.base_url}/orders", timeout=30)
        orders = response.json().get("items", [])
        orders = [{**o, "total": float(o["total"])} for o in orders]  # expect: PSL103
        return orders

    def from_export(self, path: str) -> list[dict]:
        rows = pd.read_csv(path).to_dict("records")
        rows = [r for r in rows if r["active"]]  # expect: PSL103 "pandas.read_csv"
        return rows

    def status(self) -> dict[str, str]:
        # A small response header mapping, not a data set.
        headers = requests.head(self.base_url, timeout=5).headers
        headers = {k.lower(): v for k, v in headers.items()}
        return headers
