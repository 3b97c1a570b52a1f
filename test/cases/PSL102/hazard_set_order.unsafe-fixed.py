"""Tag cloud: distinct tags of the published articles."""


def distinct_tags(articles):  # expect: PSL102 "builds a whole set"
    return (tag.lower() for article in articles for tag in article["tags"])


def render_cloud(articles):
    lines = []
    for tag in distinct_tags(articles):
        lines.append(f"<li>{tag}</li>")
    return "\n".join(lines)
