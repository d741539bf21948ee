"""``/api/v1/documents`` and ``/api/v1/access-requests``, through the HTTP client with tokens,
and the OpenAPI description of every path the enquiries and documents APIs add."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from propriety.councils.models import Council
from propriety.documents.actions import do_create_document
from propriety.documents.models import AccessDispute, AccessRequest, Document
from propriety.documents.requests import USE_ONLY_FOR_PURPOSE
from propriety.people.actions import do_create_api_token
from propriety.people.models import Person
from propriety.people.roles import Role

from . import factories as f
from .conftest import Hollowmere

DOCS = "/api/v1/documents"
REQUESTS = "/api/v1/access-requests"


class Api:
    """The test client, acting for one person through their personal token."""

    def __init__(self, client: Client, person: Person) -> None:
        _, key = do_create_api_token(person, name="Tests", acting_user=person)
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def get(self, path: str) -> Any:
        return self.client.get(path, **self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(
            path,
            body or {},
            content_type="application/json",
            **self.headers,
        )


@pytest.fixture
def as_(client: Client) -> Any:
    return lambda person: Api(client, person)


def document(council: Council, classification: str, **kwargs: Any) -> Document:
    return do_create_document(
        council,
        title=kwargs.pop("title", f"A {classification} paper"),
        reference=kwargs.pop("reference", f"HPC/{classification}"),
        classification=classification,
        body=f"The text of the {classification} paper.",
        acting_user=None,
        **kwargs,
    )


def ask(api: Api, doc: Document, **changes: Any) -> dict[str, Any]:
    response = api.post(
        f"{DOCS}/{doc.pk}/access-requests",
        {"purpose": "answering a resident", "justification": "It is my ward.", **changes},
    )
    assert response.status_code == 201, response.content
    return dict(response.json())


# --- the register ---------------------------------------------------------------------


def test_the_register_lists_every_document_and_says_which_you_may_read(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    public = document(h.council, "public")
    committee = document(h.council, "committee", committee=h.planning)
    secret = document(h.council, "confidential")

    listed = {d["id"]: d for d in as_(h.cllr_ward).get(DOCS).json()["items"]}
    assert set(listed) == {public.pk, committee.pk, secret.pk}
    assert {k: v["readable"] for k, v in listed.items()} == {
        public.pk: True,
        committee.pk: False,
        secret.pk: False,
    }
    assert listed[committee.pk]["committee"] == "Planning Committee"
    assert "body" not in listed[public.pk]
    # On the committee, its business is readable.
    chair = {d["id"]: d["readable"] for d in as_(h.cllr_chair).get(DOCS).json()["items"]}
    assert chair[committee.pk] is True and chair[secret.pk] is False


def test_a_document_is_read_only_where_access_allows(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    public = document(h.council, "public")
    secret = document(h.council, "confidential")
    member = as_(h.cllr_ward)
    read = member.get(f"{DOCS}/{public.pk}").json()
    assert read["body"] == "The text of the public paper." and read["readable"] is True
    assert member.get(f"{DOCS}/{secret.pk}").status_code == 404
    assert member.get(f"{DOCS}/{secret.pk}").json() == {"detail": "Not found."}
    assert member.get(f"{DOCS}/999999").json() == {"detail": "Not found."}
    assert as_(h.clerk).get(f"{DOCS}/{secret.pk}").status_code == 200


# --- an access request from start to finish ----------------------------------------------


def test_a_request_waits_for_the_clerk_who_releases_it_with_reasons(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    paper = document(h.council, "committee", committee=h.planning)
    member, clerk = as_(h.cllr_ward), as_(h.clerk)

    made = ask(member, paper)
    assert made["status"] == "awaiting_decision"
    assert made["decider"] == {"id": h.clerk.pk, "name": "Clara Clerk"}
    assert made["decider_role"] == "proper_officer" and made["decider_title"] == "the Town Clerk"
    assert made["recommendation"]["outcome"] == "refer"
    # A need to know shown (the member gave a justification): the rulebook recommends release.
    assert made["recommendation"]["recommendation"] == "allow"
    assert "§10.3" in [c["clause"] for c in made["recommendation"]["citations"]]
    assert made["released"] is None and made["you_may"] == ["withdraw"]
    path = f"{REQUESTS}/{made['id']}"

    assert [r["id"] for r in clerk.get(REQUESTS).json()["items"]] == [made["id"]]
    assert clerk.get(path).json()["you_may"] == ["allocate", "determine"]
    assert member.post(f"{path}/determine", {"release": True, "reasons": "Mine."}).status_code == (
        403
    )
    no_reasons = clerk.post(f"{path}/determine", {"release": True, "reasons": " "})
    assert no_reasons.status_code == 422
    assert no_reasons.json()["errors"] == {"reasons": ["Give the reasons for your decision."]}

    released = clerk.post(
        f"{path}/determine", {"release": True, "reasons": "A ward member's need to know."}
    ).json()
    assert released["status"] == "released"
    assert released["determined_by"] == {"id": h.clerk.pk, "name": "Clara Clerk"}
    assert released["reasons"] == "A ward member's need to know."
    # The Clerk does not get the member's copy; the member does, with the condition.
    assert released["released"] is None
    mine = member.get(path).json()
    assert mine["released"] == {
        "body": "The text of the committee paper.",
        "purpose": "answering a resident",
        "condition": USE_ONLY_FOR_PURPOSE,
    }
    assert [e["action"] for e in mine["timeline"]] == [
        "access_request.made",
        "access_request.determined",
    ]
    assert all(e["clauses"] for e in mine["timeline"])
    assert member.get(f"{DOCS}/{paper.pk}").status_code == 200


def test_the_clerk_sends_the_decision_to_an_officer(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    paper = document(h.council, "committee", committee=h.planning)
    member, clerk, officer = as_(h.cllr_ward), as_(h.clerk), as_(h.officer_junior)
    path = f"{REQUESTS}/{ask(member, paper)['id']}"
    assert officer.get(path).status_code == 404

    forbidden = member.post(f"{path}/allocate", {"decider_id": h.officer_junior.pk})
    assert forbidden.status_code == 403
    assert forbidden.json() == {"detail": "Only the Clerk allocates requests."}
    not_officer = clerk.post(f"{path}/allocate", {"decider_id": h.cllr_chair.pk})
    assert not_officer.json()["errors"] == {"decider_id": ["Choose an officer of this council."]}

    allocated = clerk.post(f"{path}/allocate", {"decider_id": h.officer_junior.pk}).json()
    assert allocated["decider"] == {"id": h.officer_junior.pk, "name": "Jo Junior"}
    assert officer.get(path).json()["you_may"] == ["determine"]
    refused = officer.post(f"{path}/determine", {"release": False, "reasons": "No need shown."})
    assert refused.json()["status"] == "refused"
    assert member.get(path).json()["you_may"] == ["dispute"]


def test_the_member_withdraws_a_waiting_request(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    paper = document(h.council, "committee", committee=h.planning)
    member = as_(h.cllr_ward)
    path = f"{REQUESTS}/{ask(member, paper)['id']}"
    assert as_(h.clerk).post(f"{path}/withdraw").status_code == 403
    withdrawn = member.post(f"{path}/withdraw").json()
    assert withdrawn["status"] == "withdrawn" and withdrawn["you_may"] == []
    assert member.post(f"{path}/withdraw").status_code == 403


def test_a_public_document_is_released_at_once(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    made = ask(as_(h.cllr_ward), document(h.council, "public"))
    assert made["status"] == "released" and made["recommendation"]["outcome"] == "allow"
    assert made["released"]["condition"] == USE_ONLY_FOR_PURPOSE


def test_a_request_needs_a_purpose(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    paper = document(h.council, "confidential")
    response = as_(h.cllr_ward).post(f"{DOCS}/{paper.pk}/access-requests", {"purpose": ""})
    assert response.status_code == 422
    assert response.json()["errors"] == {"purpose": ["Say what you need the document for."]}
    assert not AccessRequest.objects.for_council(h.council).exists()


# --- refused, disputed, decided ------------------------------------------------------------


def test_a_refusal_is_disputed_and_the_town_clerk_decides_finally(
    hollowmere: Hollowmere, as_: Any
) -> None:
    h = hollowmere
    paper = document(h.council, "exempt", exempt_category=1)
    member, clerk = as_(h.cllr_ward), as_(h.clerk)

    made = ask(member, paper)
    assert made["status"] == "refused" and made["recommendation"]["outcome"] == "refuse"
    assert "§10.3(b)" in [c["clause"] for c in made["recommendation"]["citations"]]
    assert made["reasons"] == made["recommendation"]["explanation"]
    path = f"{REQUESTS}/{made['id']}"
    assert member.post(f"{path}/dispute", {"grounds": " "}).status_code == 422

    disputed = member.post(f"{path}/dispute", {"grounds": "It is about my ward."})
    assert disputed.status_code == 201
    dispute = disputed.json()["dispute"]
    assert dispute["status"] == "open" and dispute["handler_title"] == "the Town Clerk"
    assert dispute["route"]["citations"] and dispute["report_required"] is False
    again = member.post(f"{path}/dispute", {"grounds": "Again."})
    assert again.json()["errors"] == {"__all__": ["This refusal is already disputed."]}

    assert member.post(f"{path}/dispute/decide", {"grant": True, "reasons": "Me."}).status_code == (
        403
    )
    assert clerk.get(path).json()["you_may"] == ["decide_dispute"]
    decided = clerk.post(
        f"{path}/dispute/decide", {"grant": False, "reasons": "Exempt, paragraph 1."}
    ).json()
    assert decided["status"] == "refused"
    assert decided["dispute"]["status"] == "refusal_upheld"
    assert decided["dispute"]["decided_by"] == {"id": h.clerk.pk, "name": "Clara Clerk"}
    # The Town Clerk's decision is final: nowhere further to go.
    assert decided["dispute"]["can_go_further"] is False and decided["dispute"]["next"] == []
    assert member.post(f"{path}/dispute/further").status_code == 403
    assert [e["action"] for e in member.get(path).json()["timeline"]] == [
        "access_request.made",
        "access_dispute.raised",
        "access_dispute.decided",
    ]


def test_a_granted_dispute_releases_the_document(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    paper = document(h.council, "committee", committee=h.planning)
    member, clerk = as_(h.cllr_ward), as_(h.clerk)
    path = f"{REQUESTS}/{ask(member, paper)['id']}"
    assert member.post(f"{path}/dispute/decide", {"grant": True, "reasons": "x"}).status_code == (
        404
    )
    clerk.post(f"{path}/determine", {"release": False, "reasons": "No need shown."})
    member.post(f"{path}/dispute", {"grounds": "The application is in my ward."})
    granted = clerk.post(
        f"{path}/dispute/decide", {"grant": True, "reasons": "The site is in her ward."}
    ).json()
    assert granted["status"] == "released"
    assert granted["dispute"]["status"] == "access_granted"
    assert member.get(path).json()["released"]["condition"] == USE_ONLY_FOR_PURPOSE


def test_at_a_district_the_member_takes_an_upheld_refusal_further(db: None, client: Client) -> None:
    district = f.make_council(
        "Thornbury District Council", slug="thornbury", kind="principal", rulebook="part5-district"
    )
    f.make_person(district, Role.CHIEF_EXECUTIVE)
    monitoring = f.make_person(district, Role.MONITORING_OFFICER)
    manager = f.make_person(district, Role.LINE_MANAGER)
    councillor = f.make_person(district, Role.COUNCILLOR)
    paper = document(district, "confidential")
    member = Api(client, councillor)

    made = ask(member, paper)
    path = f"{REQUESTS}/{made['id']}"
    # The manager of the service decides need to know (part5-district §7.4, §7.5).
    assert made["status"] == "awaiting_decision"
    assert made["decider"]["id"] == manager.pk
    assert made["decider_title"] == "the manager of the service concerned"
    assert {c["clause"] for c in made["recommendation"]["citations"]} == {"§7.4", "§7.5"}
    refused = Api(client, manager).post(f"{path}/determine", {"release": False, "reasons": "No."})
    assert refused.json()["status"] == "refused"
    raised = member.post(f"{path}/dispute", {"grounds": "I need it."}).json()["dispute"]
    assert raised["handler_title"] and raised["next"]

    mo = Api(client, monitoring)
    upheld = mo.post(f"{path}/dispute/decide", {"grant": False, "reasons": "Rightly refused."})
    upheld_dispute = upheld.json()["dispute"]
    assert upheld_dispute["can_go_further"] is True
    assert member.get(path).json()["you_may"] == ["take_dispute_further"]

    further = member.post(f"{path}/dispute/further").json()["dispute"]
    assert further["stage"] == "advised" and further["status"] == "open"
    assert further["handler_title"] == raised["next"][0]
    stored = AccessDispute.objects.for_council(district).get()
    assert further["report_required"] is (
        any("report" in str(o.get("id", "")) for o in stored.route.get("obligations", []))
    )


# --- who sees what ---------------------------------------------------------------------------


def test_another_member_cannot_see_the_request(hollowmere: Hollowmere, as_: Any) -> None:
    h = hollowmere
    made = ask(as_(h.cllr_ward), document(h.council, "committee", committee=h.planning))
    other = as_(h.cllr_chair)
    assert other.get(f"{REQUESTS}/{made['id']}").status_code == 404
    assert other.get(REQUESTS).json()["items"] == []


def test_another_councils_token_gets_404_on_every_detail_path(
    hollowmere: Hollowmere, fernley: Council, as_: Any
) -> None:
    h = hollowmere
    paper = document(h.council, "committee", committee=h.planning)
    made = ask(as_(h.cllr_ward), paper)
    outsider_person = f.make_person(fernley, Role.PROPER_OFFICER, Role.COUNCILLOR)
    fernley_officer = f.make_person(fernley, Role.STAFF)
    outsider = as_(outsider_person)

    assert outsider.get(DOCS).json()["items"] == []
    assert outsider.get(REQUESTS).json()["items"] == []
    assert outsider.get(f"{DOCS}/{paper.pk}").status_code == 404
    asked = outsider.post(f"{DOCS}/{paper.pk}/access-requests", {"purpose": "Curiosity."})
    assert asked.status_code == 404
    path = f"{REQUESTS}/{made['id']}"
    assert outsider.get(path).status_code == 404
    posts = {
        "allocate": {"decider_id": fernley_officer.pk},
        "determine": {"release": True, "reasons": "Why not."},
        "withdraw": {},
        "dispute": {"grounds": "Because."},
        "dispute/further": {},
        "dispute/decide": {"grant": True, "reasons": "Why not."},
    }
    for action, body in posts.items():
        response = outsider.post(f"{path}/{action}", body)
        assert response.status_code == 404, action
        assert response.json() == {"detail": "Not found."}
    assert AccessRequest.objects.for_council(h.council).get().status == "awaiting_decision"


# --- the OpenAPI description -----------------------------------------------------------------

NEW_PATHS = {
    "/api/v1/enquiries": {"get", "post"},
    "/api/v1/enquiries/{enquiry_id}": {"get"},
    **{
        f"/api/v1/enquiries/{{enquiry_id}}/{action}": {"post"}
        for action in (
            "allocate",
            "acknowledge",
            "clarification-request",
            "clarification",
            "answer",
            "feedback",
            "close",
            "withdraw",
        )
    },
    "/api/v1/documents": {"get"},
    "/api/v1/documents/{document_id}": {"get"},
    "/api/v1/documents/{document_id}/access-requests": {"post"},
    "/api/v1/access-requests": {"get"},
    "/api/v1/access-requests/{request_id}": {"get"},
    **{
        f"/api/v1/access-requests/{{request_id}}/{action}": {"post"}
        for action in (
            "allocate",
            "determine",
            "withdraw",
            "dispute",
            "dispute/further",
            "dispute/decide",
        )
    },
}


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_the_openapi_schema_describes_every_new_path(db: None, client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    for path, methods in NEW_PATHS.items():
        assert path in paths, path
        assert set(paths[path]) == methods, path

    operation_ids = []
    for path, operations in paths.items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary", "").strip(), where
            assert operation.get("description", "").strip(), where
            assert operation.get("tags"), where
            assert "200" in operation["responses"] or "201" in operation["responses"], where
            operation_ids.append(operation["operationId"])
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == _names(path), where
            if path in NEW_PATHS:
                assert operation.get("security") == [{"TokenAuth": []}], where
                assert "401" in operation["responses"], where
                assert "404" in operation["responses"] or not declared, where
    assert len(operation_ids) == len(set(operation_ids))

    # Every $ref resolves, and every field of our schemas says what it is.
    components = schema["components"]["schemas"]
    for ref in _refs(schema):
        assert ref.startswith("#/components/schemas/") and ref.split("/")[-1] in components, ref
    ours = {
        name
        for name, spec in components.items()
        if any(name.startswith(p) for p in ("Enquir", "Access", "Document", "Register", "Dispute"))
    }
    assert {"EnquiryIn", "EnquiryOut", "AccessRequestIn", "AccessRequestOut"} <= ours
    for name in ours | {"ClocksOut", "DecisionOut", "CitationOut", "TimelineEntryOut"}:
        for field, spec in components[name].get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field}"
    refusal = paths["/api/v1/enquiries"]["post"]["responses"]["409"]
    assert refusal["content"]["application/json"]["schema"]["$ref"].endswith("/RefusalOut")


def _names(path: str) -> set[str]:
    return {part.split("}")[0] for part in path.split("{")[1:]}
