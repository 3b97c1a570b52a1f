import pytest

from audit import trail

_sent_mail = []
_fixtures_seen = {}


@pytest.fixture
def outbox(monkeypatch):
    def fake_send(to, subject):
        _sent_mail.append((to, subject))

    monkeypatch.setattr("audit.mail.send", fake_send)
    return _sent_mail


@pytest.fixture
def actor(request):
    _fixtures_seen[request.node.name] = "alice"
    return "alice"


def test_record_adds_entry(actor, outbox):
    trail.record(actor, "refund", amount=10)
    assert trail.entries_for(actor)[-1]["action"] == "refund"
