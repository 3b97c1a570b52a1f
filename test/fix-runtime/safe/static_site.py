"""Static site generator: generate markdown posts, render them to HTML with a tiny markdown
subset, wrap them in the site template and write them to an output folder; print a sitemap
summary with a checksum of everything written.

Usage: python3 static_site.py [N]
"""
import hashlib
import html
import os
import re
import shutil
import sys
import tempfile
from string import Template

PAGE = Template("<!doctype html><title>$title</title><nav>$nav</nav><main>$body</main>")
TAGS = ["python", "memory", "release", "howto", "internals"]
EMPH = re.compile(r"\*(\w[^*]*)\*")
CODE = re.compile(r"`([^`]+)`")


def make_posts(n):
    posts = []
    for i in range(n):
        tag = TAGS[i % len(TAGS)]
        body = [f"# Post {i}: notes on {tag}", ""]
        for p in range(i % 4 + 1):
            body.append(f"Paragraph {p} about *{tag}* and `obj_{i}_{p}` with <angle> brackets.")
            body.append("")
        body.append(f"- item {i}")
        body.append(f"- item {i + 1}")
        posts.append({"slug": f"post-{i:05d}", "tag": tag, "markdown": "\n".join(body)})
    return posts


def inline(text):
    text = html.escape(text, quote=False)
    text = EMPH.sub(r"<em>\1</em>", text)
    return CODE.sub(r"<code>\1</code>", text)


def render_markdown(posts):
    rendered = []
    for post in posts:
        out, in_list = [], False
        title = post["slug"]
        for line in post["markdown"].splitlines():
            if line.startswith("# "):
                title = line[2:]
                out.append(f"<h1>{inline(title)}</h1>")
            elif line.startswith("- "):
                if not in_list:
                    out.append("<ul>")
                    in_list = True
                out.append(f"<li>{inline(line[2:])}</li>")
            elif line:
                out.append(f"<p>{inline(line)}</p>")
        if in_list:
            out.append("</ul>")
        rendered.append({"slug": post["slug"], "tag": post["tag"], "title": title,
                         "html": "".join(out)})
    return rendered


def apply_layout(pages, nav):
    return [
        (page["slug"], page["tag"], PAGE.substitute(title=html.escape(page["title"]), nav=nav, body=page["html"]))
        for page in pages
    ]


def write_site(documents, root):
    sitemap = {}
    digest = hashlib.sha256()
    for slug, tag, document in documents:
        path = os.path.join(root, tag, slug + ".html")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(document)
        digest.update(document.encode("utf-8"))
        sitemap[tag] = sitemap.get(tag, 0) + 1
    return sitemap, digest.hexdigest()


def main(argv):
    n = int(argv[1]) if len(argv) > 1 else 500
    nav = " | ".join(f'<a href="/{t}/">{t}</a>' for t in TAGS)
    root = tempfile.mkdtemp(prefix="site-")
    try:
        sitemap, checksum = write_site(apply_layout(render_markdown(make_posts(n)), nav), root)
    finally:
        shutil.rmtree(root)
    for tag in sorted(sitemap):
        print(f"/{tag}/ {sitemap[tag]} pages")
    print("sha256", checksum)


if __name__ == "__main__":
    main(sys.argv)
