"""Flask extensions written as classes: hooks registered with a blueprint the extension keeps."""
from __future__ import annotations

from flask import Blueprint, Flask, g, jsonify, request


class AuthExtension:
    def __init__(self, app: Flask | None = None) -> None:
        self.bp = Blueprint("auth", __name__, url_prefix="/auth")
        self.bp.before_request(self._load_user)  # expect: PSL302
        self.bp.register_error_handler(401, self._unauthorized)  # expect: PSL302
        self.bp.route("/whoami")(self.whoami)  # expect: PSL302
        if app is not None:
            app.register_blueprint(self.bp)

    def _load_user(self) -> None:
        g.user = request.headers.get("X-User")

    def _unauthorized(self, err):
        return jsonify(error="unauthorized"), 401

    def whoami(self):
        return jsonify(user=g.get("user"))


def load_user() -> None:
    g.user = request.headers.get("X-User")


def create_app() -> Flask:
    app = Flask(__name__)
    api = Blueprint("api", __name__)
    api.before_request(load_user)
    app.register_blueprint(api)
    app.teardown_appcontext(lambda exc: g.pop("user", None))
    return app
