"""Per-request lookups for the Django views, reset by request signals."""
import atexit
import signal

from django.core.signals import request_finished

from .clients import directory

_people = {}
_groups = {}
_licences = {}  # expect: PSL201 "`_licences`"


def person(person_id):
    if person_id not in _people:
        _people[person_id] = directory.person(person_id)
    return _people[person_id]


def group(group_id):
    if group_id not in _groups:
        _groups[group_id] = directory.group(group_id)
    return _groups[group_id]


def licence(key):
    if key not in _licences:
        _licences[key] = directory.licence(key)
    return _licences[key]


# Each request starts with an empty memo; a SIGHUP drops the groups after a directory sync.
request_finished.connect(lambda sender, **kwargs: _people.clear(), weak=False)
signal.signal(signal.SIGHUP, lambda signum, frame: _groups.clear())
# Clearing at exit frees nothing earlier: the licences pile up while the process runs.
atexit.register(lambda: _licences.clear())
