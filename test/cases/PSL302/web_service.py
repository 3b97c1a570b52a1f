"""A small HTTP service object: routes, a job scheduler and an XML-RPC endpoint it owns."""
import logging
from xmlrpc.server import SimpleXMLRPCServer

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask

log = logging.getLogger(__name__)
app = Flask(__name__)


@app.route("/ping")
def ping() -> str:
    return "pong"


class StatusService:
    def __init__(self, name: str) -> None:
        self.name = name
        self.checks: dict[str, bool] = {}
        self.app = Flask(name)
        self.scheduler = BackgroundScheduler()
        self.scheduler.add_job(self.refresh, "interval", seconds=30)  # expect: PSL302 "bound method of `self`"
        self.rpc = SimpleXMLRPCServer(("localhost", 8001), logRequests=False)
        self.rpc.register_function(self.status, "status")  # expect: PSL302
        self._install_routes()

    def _install_routes(self) -> None:
        @self.app.route("/status")  # expect: PSL302 "captures `self`"
        def status_page() -> dict:
            return self.status()

        @self.app.route("/version")
        def version_page() -> dict:
            return {"version": "1.4.2"}

    def status(self) -> dict:
        return {"name": self.name, "checks": self.checks}

    def refresh(self) -> None:
        log.debug("refreshing %s", self.name)
        self.checks["db"] = True


def run_once(service: StatusService) -> None:
    # A scheduler local to the call, with a job that is not a method of anything it holds.
    scheduler = BackgroundScheduler()
    scheduler.add_job(service.refresh, "date")
    scheduler.start()
