"""Plugin hooks: called by the host application, never from here."""


def collect_metrics(samples):
    metrics = []
    for s in samples:
        metrics.append((s.name, s.value))
    return metrics
