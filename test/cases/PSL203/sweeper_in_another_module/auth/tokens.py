"""Password-reset tokens: checked for expiry, never removed."""
import time

RESET_TTL = 3600
_reset_tokens = {}  # expect: PSL203 "`_reset_tokens`"


def issue(user_id, token):
    _reset_tokens[token] = (user_id, time.time())


def redeem(token):
    entry = _reset_tokens.get(token)
    if entry is None or time.time() - entry[1] > RESET_TTL:
        return None
    return entry[0]


class OtpStore:
    def __init__(self):
        self.codes = {}

    def put(self, user_id, code):
        self.codes[user_id] = (code, time.time())

    def check(self, user_id, code):
        entry = self.codes.get(user_id)
        return entry is not None and entry[0] == code and time.time() - entry[1] < 300
