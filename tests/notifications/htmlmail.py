"""Reading a mail's HTML part the way a mail client lays it out: which paragraphs, table
rows and links it has, each with its text."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "meta", "img", "hr", "input", "link"}
BREAK = "\x00"  # where a <br> broke the line


@dataclass
class Element:
    tag: str
    attrs: dict
    parts: list = field(default_factory=list)
    children: list = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).replace(BREAK, " ").split())

    @property
    def lines(self) -> list[str]:
        """The text as shown: a new line at each <br>, other white space collapsed."""
        return [" ".join(line.split()) for line in "".join(self.parts).split(BREAK)]

    def all(self, tag: str) -> list["Element"]:
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found += child.all(tag)
        return found


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag == "br":
            for open_element in self.stack:
                open_element.parts.append(BREAK)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data):
        for element in self.stack:
            element.parts.append(data)


def parse(html: str) -> Element:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    assert [e.tag for e in parser.stack] == ["document"], "unclosed elements"
    return parser.root


def paragraphs(html: str) -> list[str]:
    return [p.text for p in parse(html).all("p")]


def links(html: str) -> dict[str, str]:
    """href -> text of every link."""
    return {a.attrs.get("href"): a.text for a in parse(html).all("a")}


def table_rows(html: str) -> list[list[str]]:
    """Each table row as the texts of its cells (th and td)."""
    rows = []
    for tr in parse(html).all("tr"):
        rows.append([c.text for c in tr.children if c.tag in ("th", "td")])
    return rows
