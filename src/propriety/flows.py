"""Which of the app's flows ask which rulebook question: plain data, no Django.

The rulebook coverage report (``propriety rulebook coverage NAME``) reads this
to say, clause by clause, whether a page, API call or command of the app asks
a question the clause's provisions answer, and counts the encoded and guidance
clauses that only ``propriety decide`` can reach (``cli_only``). It lives
outside the pure core (``propriety.protocol`` never imports the apps) and
imports nothing, so the core's command can read it without Django.

Each flow names its app, the page (URL name) where a person starts it, and the
function that asks the question, as a dotted path. ``tests/web/test_flows.py``
drives every flow's function and fails if it does not ask the question it is
registered for, so this table cannot claim a flow that does not exist.
"""

from __future__ import annotations

from typing import NamedTuple


class Flow(NamedTuple):
    app: str
    url_name: str
    action: str  # dotted path of the function that asks the question

    @property
    def label(self) -> str:
        """The page that starts the flow, e.g. ``wardnotices:new`` (its app is its namespace)."""
        return self.url_name


FLOWS: dict[str, tuple[Flow, ...]] = {
    "enquiry.route": (
        Flow("enquiries", "enquiries:new", "propriety.enquiries.actions.do_submit_enquiry"),
    ),
    "enquiry.response_target": (
        Flow("enquiries", "enquiries:new", "propriety.enquiries.actions.do_submit_enquiry"),
    ),
    "enquiry.escalation": (
        Flow("enquiries", "enquiries:list", "propriety.enquiries.actions.escalation_decision"),
    ),
    "document.access": (
        Flow("documents", "documents:ask", "propriety.documents.requests.do_request_access"),
    ),
    "document.dispute": (
        Flow("documents", "documents:dispute", "propriety.documents.requests.do_raise_dispute"),
    ),
    "correspondence.check": (
        Flow(
            "correspondence",
            "correspondence:new",
            "propriety.correspondence.actions.do_draft_correspondence",
        ),
    ),
    "correspondence.incoming": (
        Flow(
            "correspondence",
            "correspondence:incoming_new",
            "propriety.correspondence.actions.do_record_incoming",
        ),
    ),
    "press.release": (
        Flow("press", "press:new", "propriety.press.actions.do_submit_press_release"),
    ),
    "press.spokesperson": (
        Flow("press", "press:media_contact_new", "propriety.press.actions.do_record_media_contact"),
    ),
    "concern.route": (
        Flow("concerns", "concerns:new", "propriety.concerns.actions.do_raise_concern"),
    ),
    "ward.notification": (
        Flow(
            "press", "press:media_interest_new", "propriety.press.actions.do_record_media_interest"
        ),
        Flow(
            "wardnotices", "wardnotices:new", "propriety.wardnotices.actions.do_record_ward_notice"
        ),
    ),
    "resources.use": (
        Flow("resources", "resources:new", "propriety.resources.actions.do_request_resources"),
    ),
    "report.request": (
        Flow("reports", "reports:new", "propriety.reports.actions.do_request_report"),
    ),
    "proper_officer.acting": (
        Flow(
            "reports",
            "reports:acting_new",
            "propriety.reports.acting.do_record_acting_arrangement",
        ),
    ),
    "protocol.review": (
        Flow("protocoltext", "protocoltext:text", "propriety.protocoltext.review.review_status"),
    ),
    "protocol.interpretation": (
        Flow("protocoltext", "protocoltext:ask", "propriety.protocoltext.actions.do_ask_clerk"),
    ),
    "relationship.conflict": (
        Flow("interests", "interests:new", "propriety.interests.actions.do_declare_relationship"),
        Flow("interests", "interests:panels", "propriety.interests.actions.do_seat_panel_member"),
    ),
    "party_group.briefing": (
        Flow("briefings", "briefings:new", "propriety.briefings.actions.do_request_briefing"),
    ),
    "delegated.action": (
        Flow(
            "consultations",
            "consultations:new",
            "propriety.consultations.actions.do_record_delegation",
        ),
    ),
    "conduct.action": (Flow("conduct", "conduct:ask", "propriety.conduct.actions.ask_conduct"),),
}


def asked_questions() -> dict[str, list[str]]:
    """Question -> the pages (URL names, e.g. ``wardnotices:new``) of the flows that ask it."""
    return {q: [f.label for f in flows] for q, flows in FLOWS.items()}
