"""Health checks of the platform's regions and of customer endpoints, run by the monitor loop."""
import time
import urllib.request

REGIONS = ("eu-west", "us-east", "ap-south")
_region_latency: dict[str, float] = {}
_shard_errors: dict[int, int] = {}
_endpoint_latency: dict[str, float] = {}  # expect: PSL204 "`_endpoint_latency`"


def probe(url: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=5):
        pass
    return time.monotonic() - started


def check_region(region: str) -> None:
    _region_latency[region] = probe(f"https://{region}.status.example.com/ping")


def count_shard_error(shard: int) -> None:
    _shard_errors[shard] = _shard_errors.get(shard, 0) + 1


def check_endpoint(url: str) -> None:
    _endpoint_latency[url] = probe(url)


def monitor(customer_urls: list[str]) -> None:
    while True:
        for region in REGIONS:
            check_region(region)
        for shard in range(16):
            count_shard_error(shard)
        for url in customer_urls:
            check_endpoint(url)
        time.sleep(30)
