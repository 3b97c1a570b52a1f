"""Stages copy `settings`, not the data: the data is a single dict."""


def defaults(settings):
    return {key: value for key, value in settings.items() if value is not None}


def with_env(settings, env):
    return {**settings, **{k[4:].lower(): v for k, v in env.items() if k.startswith("APP_")}}


def load_settings(settings, env):
    return with_env(defaults(settings), env)
