"""What happened, in words: a label for each audit event's action code.

Each app names its actions ``noun.verb_phrase`` where it records them
(``"access_dispute.decided"``, ``"enquiry.clarification_requested"``), and the
code is what the log, the trail's filter URLs and the CSV export keep. For
people the code is read as a sentence, the noun first: "Access dispute
decided". The audit app's own actions, whose codes read less well, are named
here beside the constants that name them.
"""

from __future__ import annotations

from propriety.audit.checkpointing import CHECKPOINT_ACTION
from propriety.audit.reads import READ_ACTION
from propriety.audit.verify import RETENTION_ACTION

OWN = {
    CHECKPOINT_ACTION: "Audit log signed (checkpoint made)",
    READ_ACTION: "Confidential record read",
    RETENTION_ACTION: "Retention schedule applied",
    "audit.trail_exported": "Audit trail exported",
    "subject_access.exported": "Subject access export made",
}
# Words kept in capitals when a code is read out.
INITIALS = {"api": "API", "mo": "MO", "pdf": "PDF", "csv": "CSV"}


def action_label(code: str) -> str:
    """``"access_dispute.decided"`` -> ``"Access dispute decided"``."""
    if code in OWN:
        return OWN[code]
    words = code.replace(".", " ").replace("_", " ").split()
    if not words:
        return code
    text = " ".join(INITIALS.get(w, w) for w in words)
    return text[0].upper() + text[1:]
