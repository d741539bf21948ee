"""The hashing pass of ``propriety audit verify``: rows in, the first bad event out.

No database here: :func:`check_rows` takes a council's events as
:data:`ROW_FIELDS` (what :func:`propriety.audit.verify.rows` reads) and
recomputes each one's personal hash, its leaf, and the council's tree.

It works through the rows in blocks of :data:`BLOCK` (a power of two). Each
block is first checked in bulk, one kind of work at a time with as little
Python per event as possible (see :func:`_block_checks_out`): numbering and
order, the personal hashes, the leaves, then the block's Merkle subtree, hashed
level by level and added to the frontier whole. Only when something in a block
does not check out in bulk (or the bulk serialisation does not apply to it, such
as a name that needs escaping) is the block gone through again event by event,
the original way (:func:`_check_one_by_one`), which finds and words the first
bad event. So the bulk pass may refuse more than it must, never less: it only
accepts a block when the event-by-event pass would accept it too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import itemgetter, lt
from typing import Any

from propriety.audit import log
from propriety.audit.merkle import EMPTY_ROOT, Frontier, blocks, levels, root_of

# The columns verify reads, in this order. Text columns come as the bytes the
# database holds (UTF-8), so they are hashed as read; ``occurred_at`` is UTC as
# ``YYYY-MM-DD HH:MM:SS[.ffffff]``; the JSON columns are canonical JSON text.
ROW_FIELDS = (
    "pk",  # int
    "seq",  # int
    "actor_id",  # bytes (the number as text) or None
    "action",
    "object_type",
    "object_id",
    "occurred_at",
    "citations",
    "rulebook",
    "rulebook_version",
    "personal_hash",
    "personal_salt",
    "object_repr",
    "details",
    "leaf_hash",  # str
    "root_hash",  # str
)
Row = tuple[Any, ...]

BLOCK = 1024  # rows a block: small enough that its many bulk passes stay in cache

(_PK, _SEQ, _TIME, _PERSONAL, _SALT, _REPR, _DETAILS, _LEAF) = (
    itemgetter(ROW_FIELDS.index(name))
    for name in (
        "pk",
        "seq",
        "occurred_at",
        "personal_hash",
        "personal_salt",
        "object_repr",
        "details",
        "leaf_hash",
    )
)
# Strings the bulk pass writes as JSON by putting quotes round them: right only
# when they hold nothing JSON escapes (control characters, quote, backslash).
_QUOTED = tuple(
    itemgetter(ROW_FIELDS.index(name))
    for name in (
        "action",
        "object_type",
        "object_id",
        "rulebook",
        "rulebook_version",
        "object_repr",
    )
)
_ESCAPED = bytes(range(32)) + b'"\\'
_sha256 = hashlib.sha256
_hexdigest: Callable[[Any], str] = type(_sha256()).hexdigest


@dataclass
class Problem:
    seq: int
    event_id: int | None
    says: str

    def __str__(self) -> str:
        which = (
            f"event #{self.event_id} (number {self.seq})"
            if self.event_id
            else (f"event number {self.seq}")
        )
        return f"First bad event: {which}: {self.says}"


@dataclass
class _Pass:
    council_id: int
    allowed_pseudonymised: set[int] | frozenset[int]
    want_roots: set[int] | frozenset[int]
    frontier: Frontier = field(default_factory=Frontier)
    roots: dict[int, str] = field(default_factory=dict)
    expected: int = 1
    last_pk: int = 0
    last_root: str = EMPTY_ROOT.hex()
    # 0x00 and each entry up to its number, as a %-template ending in a new line.
    head: bytes = b""

    def __post_init__(self) -> None:
        prefix = f'\x00["{log.ENTRY_VERSION}",{self.council_id},'.replace("%", "%%")
        self.head = f"{prefix}%d,\n".encode()

    def outcome(
        self, problem: Problem | None = None
    ) -> tuple[int, Frontier, Problem | None, dict[int, str]]:
        return self.expected - 1, self.frontier, problem, self.roots


def check_rows(
    council_id: int,
    events: Iterable[Row],
    *,
    allowed_pseudonymised: set[int] | frozenset[int] = frozenset(),
    want_roots: set[int] | frozenset[int] = frozenset(),
    block: int = BLOCK,
) -> tuple[int, Frontier, Problem | None, dict[int, str]]:
    """Check rows as :data:`ROW_FIELDS` gives them.

    Returns the number of good events, the frontier after them, the first
    problem, and the tree roots at the sizes in ``want_roots``. ``block`` (a
    power of two) is only changed by tests.
    """
    if block < 1 or block & (block - 1):
        raise ValueError("The block size must be a power of two.")
    state = _Pass(council_id, allowed_pseudonymised, want_roots)
    rows = iter(events)
    while chunk := list(islice(rows, block)):
        if not _block_checks_out(state, chunk):
            problem = _check_one_by_one(state, chunk)
            if problem is not None:
                return state.outcome(problem)
    frontier = state.frontier
    if frontier.size and frontier.root().hex() != state.last_root:
        problem = Problem(
            frontier.size,
            state.last_pk,
            "the tree head it stores does not follow from the events before it "
            "(the log was rewritten)",
        )
        return frontier.size, frontier, problem, state.roots
    return state.outcome()


def _block_checks_out(state: _Pass, chunk: list[Row]) -> bool:
    """Check a whole block in bulk and take it into ``state``; False (``state``
    untouched) when any of it does not check out this way."""
    k = len(chunk)
    first = state.expected
    # Numbered first, first + 1, ... and written in that order.
    seqs = list(map(_SEQ, chunk))
    if seqs != list(range(first, first + k)):
        return False
    pks = list(map(_PK, chunk))
    if pks[0] <= state.last_pk or not all(map(lt, pks, islice(pks, 1, None))):
        return False
    # JSON strings are written by quoting them; only right with nothing to escape.
    quoted = b"".join([b"".join(map(column, chunk)) for column in _QUOTED])
    if len(quoted.translate(None, _ESCAPED)) != len(quoted):
        return False
    # Times: "YYYY-MM-DD HH:MM:SS.ffffff" each (26 bytes, one space, no new line),
    # written "YYYY-MM-DDTHH:MM:SS.ffffffZ" as log.canonical_time does.
    times = b"\n".join(map(_TIME, chunk))
    if (
        len(times) != 27 * k - 1
        or times.count(b"\n") != k - 1
        or times[26::27] != b"\n" * (k - 1)
        or times.count(b" ") != k
        or times[10::27] != b" " * k
    ):
        return False
    t_times = times.replace(b" ", b"T").split(b"\n")
    heads = ((state.head * k).removesuffix(b"\n") % tuple(seqs)).split(b"\n")

    # The personal parts: "<salt>\n[<object_repr>,<details>]".
    salts = list(map(_SALT, chunk))
    personal = list(
        map(
            _hexdigest,
            map(
                _sha256,
                map(
                    b"".join,
                    zip(
                        salts,
                        repeat(b'\n["'),
                        map(_REPR, chunk),
                        repeat(b'",'),
                        map(_DETAILS, chunk),
                        repeat(b"]"),
                    ),
                ),
            ),
        )
    )
    stored = list(map(_PERSONAL, chunk))
    if b"" in salts or "".join(personal).encode() != b"".join(stored):
        allowed = state.allowed_pseudonymised
        for pk, salt, mine, theirs in zip(pks, salts, personal, stored, strict=False):
            if salt:
                if mine.encode() != theirs:
                    return False
            elif pk not in allowed:
                return False

    # The leaves: SHA-256(0x00 || entry), the entry as log.entry_bytes writes it.
    sha256 = _sha256
    leaves = [
        sha256(
            b"".join(
                (
                    head,
                    b"null" if actor is None else actor,
                    b',"',
                    action,
                    b'","',
                    object_type,
                    b'","',
                    object_id,
                    b'","',
                    when,
                    b'Z",',
                    citations,
                    b',"',
                    rulebook,
                    b'","',
                    version,
                    b'","',
                    personal_hash,
                    b'"]',
                )
            )
        ).digest()
        for (
            (
                _,
                _,
                actor,
                action,
                object_type,
                object_id,
                _,
                citations,
                rulebook,
                version,
                personal_hash,
                _,
                _,
                _,
                _,
                _,
            ),
            head,
            when,
        ) in zip(chunk, heads, t_times, strict=False)
    ]
    if b"".join(leaves).hex() != "".join(map(_LEAF, chunk)):
        return False

    # The block's subtrees, then the tree heads asked for inside it.
    tree = levels(leaves)
    frontier = state.frontier
    base = frontier.size
    wanted = [size for size in state.want_roots if base < size <= base + k]
    before = list(frontier.hashes)
    for root, height in blocks(tree, k):
        frontier.append_subtree(root, height)
    for size in wanted:
        if size == base + k:
            state.roots[size] = frontier.root().hex()
        else:
            inside = [root for root, _ in blocks(tree, size - base)]
            state.roots[size] = root_of(before + inside).hex()
    state.expected = first + k
    state.last_pk = pks[-1]
    state.last_root = chunk[-1][-1]
    return True


def _check_one_by_one(state: _Pass, chunk: Sequence[Row]) -> Problem | None:
    """Event by event, as ``log.seal`` hashed them: the first problem in ``chunk``."""
    entry = log.entry_bytes
    sha256 = _sha256
    personal = log.personal_bytes
    frontier = state.frontier
    for (
        pk,
        seq,
        actor_id,
        action,
        object_type,
        object_id,
        occurred_at,
        citations,
        rulebook,
        rulebook_version,
        personal_hash,
        salt,
        object_repr,
        details,
        stored_leaf,
        stored_root,
    ) in chunk:
        expected = state.expected
        if seq != expected:
            if seq > expected:
                says = (
                    f"numbers {expected}–{seq - 1} are missing before it (deleted)"
                    if seq > expected + 1
                    else f"number {expected} is missing before it (deleted)"
                )
                return Problem(expected, None, says)
            return Problem(seq, pk, "its number is repeated")
        if pk <= state.last_pk:
            return Problem(seq, pk, "it was written before the event it follows (reordered)")
        if salt:
            try:
                mine = sha256(
                    personal(salt.decode(), object_repr.decode(), details.decode())
                ).hexdigest()
            except UnicodeDecodeError:
                mine = ""
            if mine.encode() != personal_hash:
                return Problem(seq, pk, "its description or details were changed (edited)")
        elif pk not in state.allowed_pseudonymised:
            return Problem(seq, pk, "its personal data was removed outside retention (edited)")
        try:
            leaf = sha256(
                b"\x00"
                + entry(
                    state.council_id,
                    seq,
                    None if actor_id is None else actor_id.decode(),
                    action.decode(),
                    object_type.decode(),
                    object_id.decode(),
                    occurred_at.decode(),
                    citations.decode(),
                    rulebook.decode(),
                    rulebook_version.decode(),
                    personal_hash.decode(),
                )
            ).digest()
        except UnicodeDecodeError:
            leaf = b""
        if leaf.hex() != stored_leaf:
            return Problem(
                seq,
                pk,
                "its content does not match its leaf hash (edited, inserted or reordered)",
            )
        frontier.append(leaf)
        if seq in state.want_roots:
            state.roots[seq] = frontier.root().hex()
        state.last_root = stored_root
        state.last_pk = pk
        state.expected += 1
    return None
