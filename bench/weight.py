"""home_page_kb_transferred: the bytes a browser fetches for a page of the running site (bench/http.py's
`Site`): the page and every CSS, JS, image and font it references, once each, compressed as the
server offers it, headers included; of a responsive <picture>, only the file a phone loads."""

import html.parser
import re
import urllib.parse

# A responsive picture (<picture> with srcset) is counted as a phone with a 3× screen loads it:
# the first <source> (AVIF, which browsers take first), at its smallest width of at least 576 pixels
# (the 12rem portrait × 3), else its largest; never its other formats, widths or fallback <img>.
PHONE_PIXELS = 576


def _pick(srcset: str) -> str:
    candidates = []
    for candidate in srcset.split(","):
        url, _sep, width = candidate.strip().partition(" ")
        candidates.append((int(width.strip().rstrip("w") or 0), url))
    wide_enough = [c for c in candidates if c[0] >= PHONE_PIXELS]
    return (min(wide_enough) if wide_enough else max(candidates))[1]


class _Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.picture: bool | None = None  # inside a <picture>: whether a file was taken yet

    def handle_endtag(self, tag):
        if tag == "picture":
            self.picture = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.picture = False
            return
        if self.picture is not None and tag in ("source", "img"):
            if not self.picture and (attrs.get("srcset") or attrs.get("src")):
                self.urls.append(_pick(attrs["srcset"]) if attrs.get("srcset") else attrs["src"])
                self.picture = True
            return
        if (
            tag == "link"
            and attrs.get("href")
            and set((attrs.get("rel") or "").split())
            & {
                "stylesheet",
                "icon",
                "preload",
                "modulepreload",
                "manifest",
                "apple-touch-icon",
            }
        ):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img", "source", "video", "audio") and attrs.get("src"):
            self.urls.append(attrs["src"])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def page_weight(site, path: str) -> tuple[int, list[tuple[str, int]]]:
    """Bytes on the wire for a page and everything it references, fetched once each as a
    browser asks for them (compressed when the server offers it)."""
    accept = {"Accept-Encoding": "br, gzip", "Accept": "*/*"}
    parts: list[tuple[str, int]] = []
    seen: set[str] = set()
    queue = [(path, "html")]
    while queue:
        url, kind = queue.pop(0)
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        status, headers, body, header_bytes = site.get(url, accept)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        parts.append((url, len(body) + header_bytes))
        encoding = headers.get("Content-Encoding", "")
        if kind == "html":
            parser = _Assets()
            parser.feed(_decode(body, encoding))
            queue += [(urllib.parse.urljoin(url, u), _kind(u)) for u in parser.urls]
        elif kind == "css":
            for match in _CSS_URL.finditer(_decode(body, encoding)):
                ref = match.group(1) or match.group(2)
                if not ref.startswith(("data:", "#")):
                    queue.append((urllib.parse.urljoin(url, ref), _kind(ref)))
    return sum(size for _url, size in parts), parts


def _kind(url: str) -> str:
    return "css" if urllib.parse.urlsplit(url).path.endswith(".css") else "asset"


def _decode(body: bytes, encoding: str) -> str:
    if encoding == "br":
        import brotli

        body = brotli.decompress(body)
    elif encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")
