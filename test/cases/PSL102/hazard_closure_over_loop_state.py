"""Recommendation scoring: the scorers handed out close over the running weight total and over
the loop variable, which only hold their final values once the loop is done."""


def scorers(candidates):  # expect: PSL102
    total = 0
    out = []
    for c in candidates:
        total += c["weight"]
        out.append((c["item"], lambda views, w=c["weight"]: views * w / total))
    return out


def boosters(campaigns):  # expect: PSL102
    result = []
    for campaign in campaigns:
        def boost(score):
            return score * campaign["factor"]
        result.append(boost)
    return result


def bound_scorers(candidates, scale):  # expect: PSL102
    # Defaults are bound when the lambda is made and `scale` never changes: safe to stream.
    out = []
    for c in candidates:
        out.append((c["item"], lambda views, w=c["weight"]: views * w * scale))
    return out


def rank(candidates):
    return [(round(score(10), 6), item) for item, score in scorers(candidates)]


def boosted(campaigns, score):
    return sum(b(score) for b in boosters(campaigns))


def rank_scaled(candidates):
    return max(score(10) for _item, score in bound_scorers(candidates, 0.5))
