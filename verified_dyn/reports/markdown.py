"""The small Markdown subset the reproduction report uses (headings, paragraphs, lists, tables,
images, code blocks, `code`, **bold**, [links](url)) rendered as one self-contained HTML page."""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}"
    "table{border-collapse:collapse;margin:1em 0;font-size:0.92em}td,th{border:1px solid #bbb;padding:3px 7px}"
    "th{background:#eee}code{background:#f3f3f3;padding:0 3px}pre{background:#f6f6f6;padding:0.7em;"
    "overflow-x:auto}img{max-width:100%}.PROVED{color:#17692b;font-weight:bold}"
    ".REFUTED{color:#a31515;font-weight:bold}.INCONCLUSIVE{color:#8a6d00;font-weight:bold}"
)


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r"<code>\1</code>", out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"\b(PROVED|REFUTED|INCONCLUSIVE)\b", r'<span class="\1">\1</span>', out)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', out)


def _image(line: str, base: Path) -> str:
    alt, src = re.fullmatch(r"!\[([^\]]*)\]\(([^)]+)\)", line.strip()).groups()
    data = base64.b64encode((base / src).read_bytes()).decode("ascii")
    return f'<p><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></p>'


def to_html(markdown: str, base: Path, title: str) -> str:
    """HTML for ``markdown``; images are embedded from files relative to ``base``."""
    body, lines, i = [], markdown.splitlines(), 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("```"))
            body.append("<pre>" + html.escape("\n".join(lines[i + 1 : j])) + "</pre>")
            i = j + 1
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            body.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif line.startswith("!["):
            body.append(_image(line, base))
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            head, rest = rows[0], [r for r in rows[1:] if not set("".join(r)) <= set("-: ")]
            body.append(
                "<table><tr>"
                + "".join(f"<th>{_inline(c)}</th>" for c in head)
                + "</tr>"
                + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in rest)
                + "</table>"
            )
            continue
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(f"<li>{_inline(lines[i][2:])}</li>")
                i += 1
            body.append("<ul>" + "".join(items) + "</ul>")
            continue
        elif line.strip():
            para = [line]
            while (
                i + 1 < len(lines)
                and lines[i + 1].strip()
                and not lines[i + 1].startswith(("#", "|", "- ", "!", "```"))
            ):
                i += 1
                para.append(lines[i])
            body.append(f"<p>{_inline(' '.join(para))}</p>")
        i += 1
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )
