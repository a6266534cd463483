"""The small text format of editable page texts, turned into safe HTML. Everything is escaped first.

Blocks are separated by an empty line:
    ## Heading / ### Subheading
    - list item            (every line of the block)
    1. numbered item       (every line of the block)
    > quotation
    anything else is a paragraph; a single line break stays a line break.
Inline: **bold**, [link text](/address/) for addresses starting with /, #, https://, mailto: or tel:.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(((?:/|#|https://|mailto:|tel:)[^)\s]*)\)")
_ORDERED = re.compile(r"^\d+[.)]\s+")


def _inline(text: str) -> str:
    text = escape(text)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    return _LINK.sub(r'<a href="\2">\1</a>', text)


def _lines(block: str, pattern: re.Pattern | None = None, prefix: str = "") -> list[str]:
    lines = block.splitlines()
    if pattern:
        return [pattern.sub("", line, count=1) for line in lines]
    return [line[len(prefix) :].strip() for line in lines]


def render(text: str) -> SafeString:
    html = []
    for block in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip()):
        block = block.strip()
        if not block:
            continue
        lines = block.splitlines()
        if block.startswith("### "):
            title = block[4:].strip()
            html.append(f'<h3 id="{slugify(title)}">{_inline(title)}</h3>')
        elif block.startswith("## "):
            title = block[3:].strip()
            html.append(f'<h2 id="{slugify(title)}">{_inline(title)}</h2>')
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line)}</li>" for line in _lines(block, prefix="- "))
            html.append(f"<ul>{items}</ul>")
        elif all(_ORDERED.match(line) for line in lines):
            items = "".join(f"<li>{_inline(line)}</li>" for line in _lines(block, _ORDERED))
            html.append(f"<ol>{items}</ol>")
        elif all(line.startswith(">") for line in lines):
            quote = "<br>".join(_inline(line.lstrip("> ").strip()) for line in lines)
            html.append(f"<blockquote><p>{quote}</p></blockquote>")
        else:
            html.append("<p>" + "<br>".join(_inline(line.strip()) for line in lines) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308  every piece of text went through escape()
