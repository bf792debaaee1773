"""A small, read-only XML tree with file and line on every element, parsed safely.

Parsing goes through defusedxml's expat reader: DTDs, entity declarations and external
references are refused, so an XML bomb or an external entity (file:///etc/passwd) cannot
expand or be read. Each refused or malformed file becomes one clear InputError.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, InputSource, Locator

from defusedxml.common import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.expatreader import DefusedExpatParser

from voipscan.errors import InputError

WRAPPER = "x-voipscan-file"
PLACEHOLDER = "x-voipscan-include"


@dataclass(frozen=True)
class VarUse:
    """One ``$${name}`` expanded by the pre-processor: which variable, set where."""

    name: str
    set_in: str | None = None
    set_line: int | None = None
    known: bool = True

    def describe(self) -> str:
        if self.set_in is None:
            return f"$${{{self.name}}}"
        return f"$${{{self.name}}} ({self.set_in}:{self.set_line})"


@dataclass(frozen=True)
class Node:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    path: str
    line: int
    children: tuple[Node, ...] = ()
    text: str = ""
    uses: tuple[VarUse, ...] = field(default=(), compare=False)

    def attr(self, name: str, default: str | None = None) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    def children_named(self, tag: str) -> Iterator[Node]:
        return (c for c in self.children if c.tag == tag)

    def child(self, tag: str) -> Node | None:
        return next(self.children_named(tag), None)

    def find(self, tag: str, **attrs: str) -> Node | None:
        """First child with this tag whose attributes equal ``attrs``."""
        for child in self.children_named(tag):
            if all(child.attr(k) == v for k, v in attrs.items()):
                return child
        return None

    def descendants(self, tag: str) -> Iterator[Node]:
        """Every element below this one with the tag, in document order (no recursion)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            if node.tag == tag:
                yield node
            stack.extend(reversed(node.children))


@dataclass
class _Open:
    tag: str
    attrs: tuple[tuple[str, str], ...]
    line: int
    children: list[Node] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _TreeBuilder(ContentHandler):
    def __init__(self, path: str, includes: Sequence[Sequence[Node]],
                 uses: Mapping[int, tuple[VarUse, ...]]) -> None:
        super().__init__()
        self.path = path
        self.includes = includes
        self.uses = uses
        self.locator: Locator | None = None
        self.stack: list[_Open] = []
        self.top: list[Node] = []

    @property
    def line(self) -> int:
        line = self.locator.getLineNumber() if self.locator is not None else None
        return line or 0

    def setDocumentLocator(self, locator: Locator) -> None:
        self.locator = locator

    def startElement(self, name: str, attrs: AttributesImpl[str]) -> None:
        if name == PLACEHOLDER:
            target = self.stack[-1].children if len(self.stack) > 1 else self.top
            target.extend(self.includes[int(attrs["ref"])])
        self.stack.append(_Open(name, tuple(attrs.items()), self.line))

    def endElement(self, name: str) -> None:
        item = self.stack.pop()
        if item.tag in (PLACEHOLDER, WRAPPER):
            return
        node = Node(item.tag, item.attrs, self.path, item.line, tuple(item.children),
                    "".join(item.text), self.uses.get(item.line, ()))
        if len(self.stack) > 1:
            self.stack[-1].children.append(node)
        else:
            self.top.append(node)

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text.append(content)


def _starts_with_doctype(text: str) -> bool:
    """Whether the first markup after blanks and comments is a DOCTYPE (linear scan)."""
    position = 0
    while True:
        position = len(text) - len(text[position:].lstrip())
        if not text.startswith("<!--", position):
            return text.startswith("<!DOCTYPE", position)
        end = text.find("-->", position + 4)
        if end < 0:
            return False
        position = end + 3


def parse_fragment(text: str, path: str, includes: Sequence[Sequence[Node]] = (),
                   uses: Mapping[int, tuple[VarUse, ...]] | None = None) -> tuple[Node, ...]:
    """Parse the pre-processed text of one file; its top-level elements in order.

    A file may hold several top-level elements (FreeSWITCH drops ``<include>`` lines), so the
    text is wrapped in one element on its first line, which keeps line numbers exact.
    Placeholder elements are replaced by the nodes of the files they stand for.
    """
    builder = _TreeBuilder(path, includes, uses or {})
    has_doctype = _starts_with_doctype(text)
    document = text if has_doctype else f"<{WRAPPER}>{text}</{WRAPPER}>"
    parser = DefusedExpatParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(builder)
    source = InputSource(path)
    source.setByteStream(io.BytesIO(document.encode("utf-8")))
    try:
        parser.parse(source)
    except DTDForbidden:
        raise InputError(_dtd_message(text), path, builder.line) from None
    except EntitiesForbidden as error:
        raise InputError(f"entity declaration '{error.name}' refused (XML bomb protection)",
                         path, builder.line) from None
    except ExternalReferenceForbidden:
        raise InputError("external reference refused (external entities are not read)",
                         path, builder.line) from None
    except DefusedXmlException as error:
        raise InputError(f"unsafe XML refused: {type(error).__name__}", path,
                         builder.line) from None
    except SAXParseException as error:
        raise _syntax_error(error, text, path, builder) from None
    return tuple(builder.top)


def _dtd_message(text: str) -> str:
    doctype = text[text.find("<!DOCTYPE"):][:4000]
    if re.search(r"<!ENTITY[^>]*\b(SYSTEM|PUBLIC)\b", doctype):
        kind = "it declares an external entity (file or URL read)"
    elif "<!ENTITY" in doctype:
        kind = "it declares entities (entity expansion, 'billion laughs' XML bomb)"
    else:
        kind = "DTDs are not used by FreeSWITCH configs"
    return f"document type declaration (DTD) refused: {kind}"


def _syntax_error(error: SAXParseException, text: str, path: str,
                  builder: _TreeBuilder) -> InputError:
    line = error.getLineNumber() or 0
    message = error.getMessage()
    last_line = text.count("\n") + 1
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "<!DOCTYPE" in current or "<!ENTITY" in current:
        return InputError("document type declaration (DTD) refused: entity declarations "
                          "are not allowed", path, line)
    unclosed = [o for o in builder.stack if o.tag not in (WRAPPER, PLACEHOLDER)]
    if line >= last_line and unclosed and message in ("mismatched tag", "no element found"):
        opened = unclosed[-1]
        return InputError(f"invalid XML: file ends inside <{opened.tag}> opened at line "
                          f"{opened.line} (truncated?)", path, line)
    return InputError(f"invalid XML: {message}", path, line)
