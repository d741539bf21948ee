"""Which questions each feature of the app asks, so a rulebook can be checked
against them before a council adopts it (rather than the app failing later
with UnansweredQuestion).

A *required* feature asks its questions of every council. An *optional* one
first checks whether the rulebook answers its first question and, where it
does not, says the protocol does not cover it; but once a rulebook answers
any of its questions it must answer all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from propriety.protocol._problems import Problem
from propriety.protocol._rulebook import Rulebook


@dataclass(frozen=True, slots=True)
class Feature:
    name: str
    title: str
    questions: tuple[str, ...]
    optional: bool = False


APP_FEATURES: tuple[Feature, ...] = (
    Feature(
        "enquiries",
        "members' enquiries (routes, response clocks and reminders)",
        ("enquiry.route", "enquiry.response_target", "enquiry.escalation"),
    ),
    Feature("concerns", "concerns and complaints", ("concern.route",)),
    Feature("press", "press releases and spokespeople", ("press.release", "press.spokesperson")),
    Feature(
        "documents",
        "members' access to documents, and disputes",
        ("document.access", "document.dispute"),
        optional=True,
    ),
    Feature("correspondence", "checking correspondence", ("correspondence.check",), optional=True),
    Feature(
        "incoming",
        "correspondence the council receives (anonymous, vexatious, abusive, repeated)",
        ("correspondence.incoming",),
        optional=True,
    ),
    Feature("conduct", 'the "Can I…?" page', ("conduct.action",), optional=True),
)


def app_problems(rb: Rulebook) -> list[Problem]:
    """What the app would ask of this rulebook that it cannot answer, one problem a feature."""
    if rb.abstract:
        return []
    answered = set(rb.questions)
    problems = []
    for feature in APP_FEATURES:
        missing = [q for q in feature.questions if q not in answered]
        if not missing or (feature.optional and len(missing) == len(feature.questions)):
            continue
        problems.append(
            Problem(
                rb.path,
                0,
                f"app feature {feature.name!r}",
                f"{feature.title} asks {', '.join(feature.questions)}, but the rulebook "
                f"answers none for {', '.join(missing)}",
                f"add provisions for {', '.join(missing)} (each with a default: true provision "
                "citing the clause that covers it)",
            )
        )
    return problems
