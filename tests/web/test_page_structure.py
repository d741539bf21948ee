"""Every page the demo council's people can reach is well formed and accessible.

No browser: the demo council (Kestrelford, with casework in every app) is
loaded, each role that matters signs in, and the pages reachable from the app
lists are fetched with Django's test client and parsed with the standard
library's html.parser. Each page is checked against the rules the templates
promise (GOV.UK Frontend patterns without GOV.UK branding, WCAG basics, dates
written out). Every failure is collected with its URL and reported at once, so
one run shows every defect rather than the first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from propriety.documents.access import register_visible_to
from propriety.people.models import Person
from propriety.web.demo import demo_sign_ins, load_demo

pytestmark = pytest.mark.django_db

# The people whose pages differ: the Clerk, a ward councillor, a committee chair,
# an officer (staff) and the Monitoring Officer (see web/demo.py).
ROLES = {
    "clerk": "clerk@kestrelford.example",
    "ward councillor": "ward-councillor@kestrelford.example",
    "committee chair": "planning-chair@kestrelford.example",
    "staff": "staff@kestrelford.example",
    "monitoring officer": "monitoring-officer@kestrelford.example",
    "governance committee member": "riverside-councillor@kestrelford.example",
}

LIST_PAGES = (
    "home",
    "profile",
    "enquiries:list",
    "enquiries:new",
    "documents:list",
    "documents:requests",
    "correspondence:list",
    "press:list",
    "press:spokespeople",
    "press:elections",
    "press:media_contacts",
    "press:media_interest_list",
    "concerns:list",
)
FOLLOW = ("/enquiries/", "/documents/", "/correspondence/", "/press/", "/concerns/", "/profile/")
PER_ROUTE = 25  # pages fetched per URL pattern, so every kind of page is seen
PER_ROLE = 150  # pages fetched per role in all

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
UNLABELLED_INPUTS = {"hidden", "submit", "button", "image", "reset"}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "testserver"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Text here is a value or code, not prose a reader has to parse.
RAW_TEXT = {"script", "style", "pre", "code", "textarea", "template"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def text(self) -> str:
        return " ".join(
            "".join(c if isinstance(c, str) else c.text() for c in self.children).split()
        )

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class TreeBuilder(HTMLParser):
    """A forgiving tree: void elements close themselves, an end tag closes up to its start."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel"):
        return True
    if not parts.scheme and not parts.netloc:
        return True
    return parts.hostname in LOCAL_HOSTS


def _text_nodes(node: Node, skip: frozenset[str] = frozenset(RAW_TEXT)) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag not in skip:
            yield from _text_nodes(child, skip)


def problems_with(html: str) -> list[str]:
    """Everything wrong with one page, in plain words."""
    root = parse(html)
    nodes = list(root.walk())
    found: list[str] = []
    by_tag: dict[str, list[Node]] = {}
    for n in nodes:
        by_tag.setdefault(n.tag, []).append(n)

    htmls = by_tag.get("html", [])
    if not htmls or htmls[0].attrs.get("lang") != "en-GB":
        found.append('<html> must say lang="en-GB"')
    titles = by_tag.get("title", [])
    if len(titles) != 1 or not titles[0].text():
        found.append("the page needs one non-empty <title>")

    h1s = by_tag.get("h1", [])
    if len(h1s) != 1:
        found.append(f"expected exactly one <h1>, found {len(h1s)}")
    # Start as though under an h1: GOV.UK puts the error summary's and a
    # notification banner's h2 above the page's h1 on purpose.
    level = 1
    for n in nodes:
        if re.fullmatch(r"h[1-6]", n.tag):
            now = int(n.tag[1])
            if now > level + 1:
                found.append(f"heading skips a level: <h{level}> then <{n.tag}> {n.text()!r}")
            level = now
            if not n.text():
                found.append(f"empty <{n.tag}>")

    ids = Counter(n.attrs["id"] for n in nodes if "id" in n.attrs)
    for dup, count in sorted(ids.items()):
        if count > 1:
            found.append(f"id {dup!r} is used {count} times")
    labels: dict[str, list[Node]] = {}
    for label in by_tag.get("label", []):
        labels.setdefault(label.attrs.get("for", ""), []).append(label)

    controls = by_tag.get("input", []) + by_tag.get("select", []) + by_tag.get("textarea", [])
    for control in controls:
        kind = control.attrs.get("type", "text").lower() if control.tag == "input" else ""
        if kind in UNLABELLED_INPUTS:
            continue
        name = f"<{control.tag} name={control.attrs.get('name', '')!r}>"
        cid = control.attrs.get("id", "")
        own = labels.get(cid, []) if cid else []
        own += [a for a in control.ancestors() if a.tag == "label"]
        if own:
            if not all(label.text() for label in own):
                found.append(f"{name} has an empty label")
            continue
        if kind in ("radio", "checkbox"):
            fieldsets = [a for a in control.ancestors() if a.tag == "fieldset"]
            legends = [
                c
                for f in fieldsets[:1]
                for c in f.children
                if isinstance(c, Node) and c.tag == "legend"
            ]
            if legends and legends[0].text():
                continue
        found.append(f"{name} has no label (no <label for={cid!r}>)")

    for label in by_tag.get("label", []):
        if label.attrs.get("for") and ids[label.attrs["for"]] == 0:
            found.append(f"<label for={label.attrs['for']!r}> labels nothing on the page")
    for n in nodes:
        for attr in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for ref in n.attrs.get(attr, "").split():
                if ids[ref] == 0:
                    found.append(f"<{n.tag} {attr}={ref!r}> names an id not on the page")

    for summary in (n for n in nodes if "govuk-error-summary" in n.classes()):
        if not any(x.attrs.get("role") == "alert" for x in summary.walk()):
            found.append("the error summary has no role=alert, so it is not announced")
        for a in (x for x in summary.walk() if x.tag == "a"):
            href = a.attrs.get("href", "")
            if href.startswith("#") and ids[href[1:]] == 0:
                found.append(f"error summary links to {href}, which is not on the page")

    for img in by_tag.get("img", []):
        if "alt" not in img.attrs:
            found.append(f"<img src={img.attrs.get('src', '')!r}> has no alt")

    for table in by_tag.get("table", []):
        heads = [n for n in table.walk() if n.tag == "th"]
        caption = next((n.text() for n in table.walk() if n.tag == "caption"), "")
        if not heads:
            found.append(f"table {caption!r} has no <th> headers")
        unscoped = [th.text() for th in heads if th.attrs.get("scope") not in ("col", "row")]
        if unscoped:
            found.append(f"table {caption!r}: <th> without scope: {unscoped}")

    for tag in (n for n in nodes if "govuk-tag" in n.classes()):
        if not tag.text():
            found.append("a .govuk-tag shows colour with no text")

    visible = " ".join(_text_nodes(root))
    if "GOV.UK" in visible:
        found.append('the page says "GOV.UK"')
    if "GDS Transport" in html:
        found.append('the page names the "GDS Transport" typeface')
    for svg in by_tag.get("svg", []):
        marks = " ".join([*svg.classes(), svg.attrs.get("aria-label", ""), svg.text()]).lower()
        if "crown" in marks or "logotype" in marks:
            found.append("the page draws the GOV.UK crown")
    if any("govuk-header__logotype" in n.classes() for n in nodes):
        found.append("the page uses the GOV.UK logotype")

    for n in nodes:
        for attr in ("href", "src", "action"):
            url = n.attrs.get(attr)
            if url and not _is_local(url):
                found.append(f"<{n.tag} {attr}={url!r}> points off the site")

    for match in sorted(set(ISO_DATE.findall(visible))):
        found.append(f"date written as {match} (write it out: |long_date)")
    return found


def links_on(html: str) -> list[str]:
    paths = []
    for n in parse(html).walk():
        if n.tag == "a" and "href" in n.attrs:
            path = urldefrag(n.attrs["href"])[0]
            if path.startswith(FOLLOW):
                paths.append(path)
    return paths


def _route(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.route


def crawl(client: Client, seeds: list[str]) -> dict[str, str]:
    """GET the seed pages and the pages they link to, up to PER_ROUTE of each kind; url -> html."""
    pages: dict[str, str] = {}
    queue = list(seeds)
    seen: set[str] = set(queue)
    per_route: Counter[str | None] = Counter()
    while queue and len(pages) < PER_ROLE:
        url = queue.pop(0)
        route = _route(url)
        if route is None or per_route[route] >= PER_ROUTE:
            continue
        response = client.get(url)
        if response.streaming:  # a downloaded file: read to the end, which closes it
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        per_route[route] += 1
        html = response.content.decode()
        pages[url] = html
        for link in links_on(html):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def _failures(pages: dict[str, str]) -> list[str]:
    return [f"{url}: {p}" for url, html in pages.items() for p in problems_with(html)]


@pytest.fixture
def demo_people() -> dict[str, Person]:
    council, _ = load_demo()
    assert {s.email for s in demo_sign_ins()} >= set(ROLES.values())
    people = {p.email: p for p in Person.objects.for_council(council)}
    return {role: people[email] for role, email in ROLES.items()}


def test_every_page_each_role_reaches_is_well_formed(demo_people: dict[str, Person]) -> None:
    failures: list[str] = []
    reached: dict[str, set[str | None]] = {}
    anonymous = Client()
    sign_in = anonymous.get(reverse("login"))
    assert sign_in.status_code == 200
    failures += _failures({reverse("login"): sign_in.content.decode()})
    seeds = [reverse(name) for name in LIST_PAGES]
    for role, person in demo_people.items():
        client = Client()
        client.force_login(person)
        pages = crawl(client, seeds)
        reached[role] = {_route(url) for url in pages}
        failures += [f"[{role}] {line}" for line in _failures(pages)]
    assert not failures, "\n".join(failures)
    # The crawl really reached the detail pages, not just the lists.
    everyone = set().union(*reached.values())
    for route in (
        "enquiries/<int:enquiry_id>/",
        "documents/<int:document_id>/",
        "documents/requests/<int:request_id>/",
        "correspondence/<int:correspondence_id>/",
        "press/<int:release_id>/",
        "concerns/<int:concern_id>/",
    ):
        assert route in everyone, f"no {route} page was reached"


def _ask_url(client: Client, person: Person) -> str:
    """The first register entry this member may ask to see."""
    for document in register_visible_to(person):
        url = reverse("documents:ask", args=[document.pk])
        if client.get(url).status_code == 200:
            return url
    raise AssertionError("the demo has no document the councillor may ask to see")


@pytest.mark.parametrize(
    ("role", "form"),
    [
        ("ward councillor", "enquiries:new"),
        ("ward councillor", "documents:ask"),
        ("clerk", "correspondence:new"),
        ("clerk", "press:new"),
        ("ward councillor", "concerns:new"),
        ("staff", "concerns:new"),
        ("anonymous", "login"),
    ],
)
def test_an_empty_form_comes_back_with_an_error_summary(
    demo_people: dict[str, Person], role: str, form: str
) -> None:
    client = Client()
    if role != "anonymous":
        client.force_login(demo_people[role])
    url = _ask_url(client, demo_people[role]) if form == "documents:ask" else reverse(form)
    assert client.get(url).status_code == 200, f"{role} cannot open {url}"
    response = client.post(url, {})
    assert response.status_code == 200, f"an empty {url} gave {response.status_code}"
    html = response.content.decode()
    root = parse(html)
    summaries = [n for n in root.walk() if "govuk-error-summary" in n.classes()]
    assert len(summaries) == 1, f"{url}: expected one error summary, found {len(summaries)}"
    links = [a for a in summaries[0].walk() if a.tag == "a"]
    assert links and all(a.attrs.get("href", "").startswith("#") for a in links)
    # problems_with checks the links land on ids, role=alert and the rest.
    assert problems_with(html) == [], f"{url}:\n" + "\n".join(problems_with(html))


BAD_PAGE = """<!DOCTYPE html><html><head><title> </title></head><body>
<h1>One</h1><h1>Two</h1><h3 id="x">Skipped</h3><p id="x">GOV.UK</p>
<div class="govuk-error-summary"><a href="#missing">Fix it</a></div>
<label for="ghost">Ghost</label><input type="text" name="q">
<input type="radio" name="r"><select id="s" aria-describedby="s-hint"></select><label for="s"></label>
<img src="/a.png"><table><tr><th>Head</th></tr></table><strong class="govuk-tag"></strong>
<a href="https://example.com/">Away</a><script src="//cdn.example.net/x.js"></script>
<p>Due 2027-01-11</p><code>2027-01-11</code><svg class="govuk-header__logotype-crown"></svg>
</body></html>"""


def test_the_checks_catch_what_they_claim_to() -> None:
    found = "\n".join(problems_with(BAD_PAGE))
    for expected in (
        'lang="en-GB"',
        "non-empty <title>",
        "exactly one <h1>, found 2",
        "<h1> then <h3>",
        "id 'x' is used 2 times",
        "links to #missing",
        "no role=alert",
        "<label for='ghost'> labels nothing",
        "<input name='q'> has no label",
        "<input name='r'> has no label",
        "<select name=''> has an empty label",
        "'s-hint'> names an id not on the page",
        "has no alt",
        "without scope: ['Head']",
        ".govuk-tag shows colour with no text",
        "https://example.com/",
        "//cdn.example.net/x.js",
        'says "GOV.UK"',
        "crown",
    ):
        assert expected in found, f"missing {expected!r} in:\n{found}"
    # Once for the paragraph, never for the code.
    assert found.count("2027-01-11") == 1
