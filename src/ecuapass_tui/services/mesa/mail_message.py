"""One received e-mail read into plain data: who sent it, what it says, its files, what it
answers and whether a program sent it. Nothing here touches the database.

Headers are decoded as RFC 2047 says (UTF-8, ISO-8859-1, ...), bodies as their
Content-Transfer-Encoding says (quoted-printable, base64); an HTML-only message becomes text
(`html_to_text`, standard library only). Text is cleaned of control characters and bidi
overrides on the way in (core.text.clean); a header that cannot be decoded is left empty
rather than raising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses
from html.parser import HTMLParser

from ecuapass_tui.core.text import clean, sanitize_name
from ecuapass_tui.forms.attachments import Attachment

# The largest message taken, as received (headers, text and files encoded): the forms' 20 MB
# of files grow by a third in base64.
MAX_MESSAGE_BYTES = 30 * 1024 * 1024
_MESSAGE_ID = re.compile(r"<[^<>\s]{1,246}>")
_TICKET_TAG = re.compile(r"\[\s*(MS-\d{4}-\d{6})\s*\]", re.IGNORECASE)
_LOOP_PRECEDENCE = {"bulk", "list", "junk"}


@dataclass(frozen=True)
class Incoming:
    sender: str  # the From address, lower case; "" when there is none usable
    subject: str
    text: str
    attachments: tuple[Attachment, ...] = ()
    message_id: str = ""
    references: tuple[str, ...] = ()  # In-Reply-To first, then References
    automatic: str = ""  # why a program sent it ("auto-submitted", "precedence", ...), or ""
    ticket_tag: str = ""  # MS-YYYY-NNNNNN named in brackets in the subject


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, LookupError):
        return ""
    return clean(str(value), single_line=True).strip() if value is not None else ""


def _sender(message: Message) -> str:
    try:
        pairs = getaddresses([str(message.get("From", ""))])
    except (ValueError, IndexError, TypeError, LookupError):
        return ""
    addresses = [address.strip().lower() for _name, address in pairs if "@" in address]
    return addresses[0] if len(addresses) == 1 and len(addresses[0]) <= 254 else ""


def automatic_reason(message: Message, envelope_sender: str | None) -> str:
    """Why the message must not be answered (RFC 3834 and the usual list headers), or ""."""
    auto = _header(message, "Auto-Submitted").lower()
    if auto and auto.split(";")[0].strip() != "no":
        return "auto-submitted"
    if _header(message, "Precedence").lower() in _LOOP_PRECEDENCE:
        return "precedence"
    if _header(message, "List-Id") or _header(message, "List-Unsubscribe"):
        return "list"
    if _header(message, "X-Autoreply") or _header(message, "X-Autorespond"):
        return "auto-reply"
    if envelope_sender is not None and envelope_sender.strip("<> ") == "":
        return "bounce"  # the null sender: a delivery report
    return ""


def _references(message: Message) -> tuple[str, ...]:
    found: list[str] = []
    for name in ("In-Reply-To", "References"):
        for token in _MESSAGE_ID.findall(_header(message, name)):
            if token not in found:
                found.append(token)
    return tuple(found[:50])


class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"}
    )
    _SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # Runs of white space are one space; the edges are kept ("70 <b>x</b>": "70 x").
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """The text of an HTML body: tags, scripts and styles dropped, entities decoded, one line
    per paragraph, list item or table row."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _decoded(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _body_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _decoded(body)
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    return clean(text).strip()


def _attachments(message: EmailMessage) -> tuple[Attachment, ...]:
    files: list[Attachment] = []
    for part in message.iter_attachments():
        if part.is_multipart() or part.get_content_type() == "message/rfc822":
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or not data:
            continue
        name = sanitize_name(part.get_filename() or "", fallback="adjunto")
        files.append(Attachment(name, data))
    return tuple(files)


def parse(raw: bytes, *, envelope_sender: str | None = None) -> Incoming:
    """The message as plain data; a message too damaged to read has no sender."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    subject = _header(message, "Subject")
    tag = _TICKET_TAG.search(subject)
    try:
        text, files = _body_text(message), _attachments(message)
    except (LookupError, ValueError, TypeError, AssertionError):
        text, files = "", ()
    found = _MESSAGE_ID.search(_header(message, "Message-ID"))
    return Incoming(
        sender=_sender(message),
        subject=" ".join(subject.split()),
        text=text,
        attachments=files,
        message_id=found.group(0) if found else "",
        references=_references(message),
        automatic=automatic_reason(message, envelope_sender),
        ticket_tag=tag.group(1).upper() if tag else "",
    )


_ATTRIBUTION = re.compile(r"^(on .{0,200} wrote:|el .{0,200} escribi[óo]:)\s*$", re.IGNORECASE)


def without_quote(text: str) -> str:
    """A reply's own words: the quoted lines ("> ...") and the line that introduces them
    ("El ... escribió:", "On ... wrote:") left out; the whole text if nothing else is left."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(">")]
    while lines and (not lines[-1].strip() or _ATTRIBUTION.match(lines[-1].strip())):
        lines.pop()
    kept = "\n".join(lines).strip()
    return kept or text.strip()
