"""The hashing pass of ``propriety audit verify``: events in, the first bad event out.

No database here: :func:`check_blocks` takes a council's events in blocks of
up to :data:`BLOCK` (a power of two), each as :class:`Columns` laid out for the
bulk pass (``reading.blocks`` reads them so: the database hands over each
column of a block whole) and as the rows of
:data:`ROW_FIELDS`, read only if needed; :func:`check_rows` takes rows and lays
them out itself (:func:`column_blocks`). It recomputes each event's personal
hash, its leaf, and the council's tree.

Each block is first checked in bulk, one kind of work at a time with as little
Python per event as possible (see :func:`_block_checks_out`): numbering and
order, the personal hashes, the leaves (also taken into the leaf chain that
checkpoints sign, ``merkle.LeafChain``), then the block's Merkle subtree, hashed
level by level and added to the frontier whole. Given a signed checkpoint's
frontier (``resume``), the tree is only built after it: the leaves up to it are
pinned by the signed leaf digest instead, which verify.py compares. Only when
something in a block does not check out in bulk (or the bulk serialisation does
not apply to it, such as a name that needs escaping, or it could not be laid
out) are the block's rows gone through event by event, the original way
(:func:`_check_one_by_one`), which finds and words the first bad event. So the
bulk pass may refuse more than it must, never less: it only accepts a block
when the event-by-event pass would accept it too.
"""

from __future__ import annotations

import hashlib
from binascii import Error as BinasciiError
from binascii import unhexlify
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import add, lt
from typing import Any, NamedTuple

from propriety.audit import log
from propriety.audit.merkle import EMPTY_ROOT, Frontier, LeafChain, blocks, levels, root_of

# The columns verify reads, in this order. Text columns come as the bytes the
# database holds (UTF-8), so they are hashed as read; ``occurred_at`` is UTC as
# ``YYYY-MM-DD HH:MM:SS[.ffffff]``; the JSON columns are canonical JSON text.
ROW_FIELDS = (
    "pk",  # int
    "seq",  # int
    "actor_id",  # bytes: the number as text, or b"null" for none (as the entry writes it)
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

# What JSON escapes in a string (control characters, quote, backslash).
_ESCAPED = bytes(range(32)) + b'"\\'
# Each time as read is 26 bytes, with a new line between one and the next.
_TIME = 26
_sha256 = hashlib.sha256
_digest: Callable[[Any], bytes] = type(_sha256()).digest


class Columns(NamedTuple):
    """A block of events laid out for the bulk pass: each column of the block
    whole, in :data:`ROW_FIELDS` order, as the entries and personal parts use
    them (bytes as stored, UTF-8)."""

    pks: Sequence[Any]  # the ids: ints, or digits all of one width (bytes)
    seqs: bytes | list[int]  # the numbers: each with a comma after it (b"7,8,9,"), or as ints
    actors: list[bytes]  # b"null" for none
    actions: list[bytes]
    kinds: list[bytes]
    ids: list[bytes]
    times: bytes  # "YYYY-MM-DD HH:MM:SS.ffffff" each, with b"\n" between them
    citations: list[bytes]
    rulebooks: list[bytes]
    versions: list[bytes]
    stored: list[bytes]  # the personal hashes stored (hex)
    salts: list[bytes]
    reprs: list[bytes]
    details: list[bytes]
    leaves: bytes  # the leaf hashes stored, hex, end to end
    last_root: str  # the tree head the block's last event stores
    # Every value above that is written as a JSON string (actions, kinds, ids,
    # rulebooks, versions, reprs), end to end with ``separators`` bytes of
    # _ESCAPED between them (the bulk pass checks nothing else needs escaping).
    quoted: bytes
    separators: int


# The columns whose values the entry and personal part write as JSON strings.
QUOTED = ("action", "object_type", "object_id", "rulebook", "rulebook_version", "object_repr")


class Block(NamedTuple):
    """A block of events: laid out for the bulk pass (None if it could not
    be), and its rows as :data:`ROW_FIELDS`, read only when the bulk pass
    does not accept it."""

    columns: Columns | None
    rows: Callable[[], Sequence[Row]]


class Checked(NamedTuple):
    size: int  # good events
    frontier: Frontier  # the tree after them (see check_rows)
    problem: Problem | None  # the first bad event
    roots: dict[int, str]  # tree heads asked for
    digests: dict[int, bytes]  # leaf digests asked for (merkle.LeafChain)


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
    want_digests: set[int] | frozenset[int]
    resume: Frontier | None
    tree_upto: int
    frontier: Frontier = field(default_factory=Frontier)
    chain: LeafChain = field(default_factory=LeafChain)
    roots: dict[int, str] = field(default_factory=dict)
    digests: dict[int, bytes] = field(default_factory=dict)
    expected: int = 1
    last_pk: int = 0
    last_root: str = EMPTY_ROOT.hex()
    # 0x00 and each entry up to its number.
    head: bytes = b""

    def __post_init__(self) -> None:
        self.head = f'\x00["{log.ENTRY_VERSION}",{self.council_id},'.encode()

    def outcome(self, problem: Problem | None = None) -> Checked:
        return Checked(self.expected - 1, self.frontier, problem, self.roots, self.digests)


def check_rows(
    council_id: int, events: Iterable[Row], *, block: int = BLOCK, **options: Any
) -> Checked:
    """:func:`check_blocks` over rows as :data:`ROW_FIELDS` gives them, taken in
    blocks of ``block`` (a power of two; only tests change it)."""
    return check_blocks(council_id, column_blocks(events, block), **options)


def column_blocks(events: Iterable[Row], block: int = BLOCK) -> Iterator[Block]:
    """``events`` in blocks of ``block`` rows (a power of two; the last may be
    shorter), each laid out as :class:`Columns` (None for a block with a
    value the bulk pass cannot take, such as a NULL)."""
    if block < 1 or block & (block - 1):
        raise ValueError("The block size must be a power of two.")
    rows = iter(events)
    while chunk := list(islice(rows, block)):
        yield Block(laid_out(chunk), lambda chunk=chunk: chunk)  # type: ignore[misc]


def laid_out(chunk: Sequence[Row]) -> Columns | None:
    """Rows as :class:`Columns`: laid end to end in one list, then sliced
    (several times quicker than ``zip(*rows)``, which steps through every row
    once for each column)."""
    flat: list[Any] = []  # freed before the block is checked: it would only take up cache
    any(map(flat.extend, chunk))
    width = len(ROW_FIELDS)
    columns = [flat[i::width] for i in range(width - 1)]
    try:
        return Columns._make(
            [
                *columns[:6],
                b"\n".join(columns[6]),  # the times
                *columns[7:14],
                "".join(columns[14]).encode(),  # the leaves
                chunk[-1][-1],
                b"".join([b"".join(columns[ROW_FIELDS.index(name)]) for name in QUOTED]),
                0,
            ]
        )
    except TypeError:  # a NULL, or a value of the wrong kind, where the table forbids it
        return None


def check_blocks(
    council_id: int,
    blocks: Iterable[Block],
    *,
    allowed_pseudonymised: set[int] | frozenset[int] = frozenset(),
    want_roots: set[int] | frozenset[int] = frozenset(),
    want_digests: set[int] | frozenset[int] = frozenset(),
    resume: Frontier | None = None,
    tree_upto: int = 0,
) -> Checked:
    """Check a council's events, given as :class:`Block` s (as
    ``reading.blocks`` reads them, or :func:`column_blocks` lays out rows).

    Returns the number of good events, the frontier after them, the first
    problem, the tree roots at the sizes in ``want_roots`` and the leaf digests
    at the sizes in ``want_digests``.

    With ``resume`` (a signed checkpoint's frontier), the tree is built only
    over the first ``tree_upto`` events and after the checkpoint, carrying on
    from its frontier: the events in between are checked as ever and pinned by
    the leaf digest instead (verify.py compares it with the signed one).
    """
    if resume is not None and tree_upto > resume.size:
        raise ValueError("The tree is built in full up to a checkpoint it carries on from.")
    state = _Pass(council_id, allowed_pseudonymised, want_roots, want_digests, resume, tree_upto)
    if 0 in want_digests:
        state.digests[0] = state.chain.digest()
    for columns, rows in blocks:
        if columns is None or not _block_checks_out(state, columns):
            problem = _check_one_by_one(state, rows())
            if problem is not None:
                return state.outcome(problem)
    if resume is not None and state.frontier.size < resume.size == state.expected - 1:
        state.frontier = Frontier(resume.size, resume.hashes)
    frontier = state.frontier
    if frontier.size and frontier.root().hex() != state.last_root:
        problem = Problem(
            frontier.size,
            state.last_pk,
            "the tree head it stores does not follow from the events before it "
            "(the log was rewritten)",
        )
        return Checked(frontier.size, frontier, problem, state.roots, state.digests)
    return state.outcome()


def _take_leaves(state: _Pass, leaves: list[bytes], base: int, joined: bytes | None = None) -> None:
    """Take the leaves of the events numbered ``base + 1``... into the leaf chain
    and the tree (where it is built); ``joined`` is ``b"".join(leaves)`` if made."""
    state.chain.extend(
        b"".join(leaves) if joined is None else joined, state.want_digests, state.digests
    )
    resume = state.resume
    if resume is None:
        _grow_tree(state, leaves, base)
        return
    if base < state.tree_upto:
        _grow_tree(state, leaves[: state.tree_upto - base], base)
    if base + len(leaves) > resume.size:
        skip = max(0, resume.size - base)
        if state.frontier.size != base + skip:  # the first events after the checkpoint
            state.frontier = Frontier(resume.size, resume.hashes)
        _grow_tree(state, leaves[skip:], base + skip)


def _grow_tree(state: _Pass, leaves: list[bytes], base: int) -> None:
    """Append leaves to the tree: in whole subtrees, hashed a level at a time,
    when they start at a multiple of the largest (as blocks do), else one by one."""
    k = len(leaves)
    frontier = state.frontier
    wanted = [size for size in state.want_roots if base < size <= base + k]
    if not k:
        return
    if base & ((1 << (k.bit_length() - 1)) - 1):
        for size, leaf in enumerate(leaves, base + 1):
            frontier.append(leaf)
            if size in wanted:
                state.roots[size] = frontier.root().hex()
        return
    tree = levels(leaves)
    before = list(frontier.hashes)
    for root, height in blocks(tree, k):
        frontier.append_subtree(root, height)
    for size in wanted:
        if size == base + k:
            state.roots[size] = frontier.root().hex()
        else:
            inside = [root for root, _ in blocks(tree, size - base)]
            state.roots[size] = root_of(before + inside).hex()


_STEP = 10_000
# b"n," for each n below _STEP, and the same with four digits (b"0042,"):
# made on first use (a thread that finds them unmade makes its own).
_low: tuple[list[bytes], list[bytes]] | None = None


def _numbers(first: int, k: int, head: bytes) -> tuple[Iterable[bytes], list[bytes]]:
    """The numbers ``first``... ``first + k - 1`` as each entry writes them,
    ``head`` then the number and a comma, in two pieces an event: ``head`` and
    the digits above the last four, then the last four digits and the comma.

    Cut from tables made once, so an event's number costs no formatting (the
    numbers are checked to run on from ``first`` before this is used)."""
    global _low
    if _low is None:
        _low = ([b"%d," % n for n in range(_STEP)], [b"%04d," % n for n in range(_STEP)])
    plain, padded = _low
    heads: list[bytes] = []
    lows: list[bytes] = []
    n, end = first, first + k
    while n < end:
        high, low = divmod(n, _STEP)
        count = min(end, (high + 1) * _STEP) - n
        prefix = head + b"%d" % high if high else head
        table = padded if high else plain
        if count == k:  # the whole block in one run of _STEP (nearly always)
            return repeat(prefix, k), table[low : low + k]
        heads += [prefix] * count
        lows += table[low : low + count]
        n += count
    return heads, lows


def _seq_text(first: int, k: int) -> bytes:
    """``b"first,first+1,...,"``: the numbers ``first``... ``first + k - 1``, each
    with its comma, cut from the same tables as :func:`_numbers`."""
    heads, numbers = _numbers(first, k, b"")
    if isinstance(heads, repeat):  # one run: every number has the same digits above the last four
        prefix: bytes = next(heads)
        return prefix + prefix.join(numbers)
    return b"".join(map(add, heads, numbers))


def _block_checks_out(state: _Pass, columns: Columns) -> bool:
    """Check a whole block in bulk and take it into ``state``; False (``state``
    untouched) when any of it does not check out this way."""
    first = state.expected
    (
        pks,
        seqs,
        actors,
        actions,
        kinds,
        ids,
        times,
        citations,
        rulebooks,
        versions,
        stored,
        salts,
        reprs,
        details,
        stored_leaves,
        last_root,
        quoted,
        separators,
    ) = columns
    k = len(pks)
    # Numbered first, first + 1, ... and written in that order: the ids rise
    # (digits of one width rise as their numbers do).
    if not k or seqs != (
        _seq_text(first, k) if isinstance(seqs, bytes) else list(range(first, first + k))
    ):
        return False
    try:
        if int(pks[0]) <= state.last_pk or not all(map(lt, pks, islice(pks, 1, None))):
            return False
        last_pk = int(pks[-1])
    except (TypeError, ValueError):
        return False
    # JSON strings are written by quoting them; only right with nothing to escape.
    if len(quoted) - len(quoted.translate(None, _ESCAPED)) != separators:
        return False
    # Every time 26 bytes, with its one space at [10] and no new line: the k - 1
    # new lines are all at the joins' places, so each time is 26 bytes between
    # them; then k spaces, each at [10] of a time, leave no other.
    stride = _TIME + 1
    if (
        len(times) != stride * k - 1
        or times.count(b"\n") != k - 1
        or times[_TIME::stride] != b"\n" * (k - 1)
        or times.count(b" ") != k
        or times[10::stride] != b" " * k
    ):
        return False
    # Each time with the pieces of the entry either side of it, as
    # log.canonical_time writes it: "YYYY-MM-DD HH:MM:SS.ffffff" read,
    # "YYYY-MM-DDTHH:MM:SS.ffffffZ" written.
    t_times = (b'","' + times.replace(b" ", b"T").replace(b"\n", b'Z",\n","') + b'Z",').split(b"\n")
    heads, numbers = _numbers(first, k, state.head)

    # The personal parts, "<salt>\n[<object_repr>,<details>]", and the entries,
    # as log.entry_bytes writes them with 0x00 before each, each hashed as soon
    # as it is written (so its memory is used again for the next, while in cache).
    try:
        personal = list(
            map(
                _digest,
                map(
                    _sha256,
                    map(
                        b"".join,
                        zip(salts, repeat(b'\n["'), reprs, repeat(b'",'), details, repeat(b"]")),
                    ),
                ),
            )
        )
        leaves = list(
            map(
                _digest,
                map(
                    _sha256,
                    map(
                        b"".join,
                        zip(
                            *(heads, numbers, actors, repeat(b',"'), actions, repeat(b'","')),
                            *(kinds, repeat(b'","'), ids, t_times, citations, repeat(b',"')),
                            *(rulebooks, repeat(b'","'), versions, repeat(b'","'), stored),
                            repeat(b'"]'),
                        ),
                    ),
                ),
            )
        )
    except TypeError:  # NULL where the table forbids it
        return False
    try:
        same = b"".join(personal) == unhexlify(b"".join(stored))
    except (BinasciiError, TypeError):
        same = False
    if b"" in salts or not same:
        allowed = state.allowed_pseudonymised
        for pk, salt, mine, theirs in zip(pks, salts, personal, stored, strict=True):
            if salt:
                if mine.hex().encode() != theirs:
                    return False
            elif int(pk) not in allowed:
                return False
    joined = b"".join(leaves)
    if joined.hex().encode() != stored_leaves:
        return False

    _take_leaves(state, leaves, first - 1, joined)
    state.expected = first + k
    state.last_pk = last_pk
    state.last_root = last_root
    return True


def _check_one_by_one(state: _Pass, chunk: Sequence[Row]) -> Problem | None:
    """Event by event, as ``log.seal`` hashed them: the first problem in ``chunk``
    (the events before it taken into ``state``)."""
    base = state.expected - 1
    good: list[bytes] = []
    problem = _first_problem(state, chunk, good)
    _take_leaves(state, good, base)
    return problem


def _first_problem(state: _Pass, chunk: Sequence[Row], good: list[bytes]) -> Problem | None:
    entry = log.entry_bytes
    sha256 = _sha256
    personal = log.personal_bytes
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
            if not isinstance(seq, int):
                return Problem(expected, pk, "its number is missing or not a number (edited)")
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
            except (UnicodeDecodeError, AttributeError):  # not UTF-8, or NULL
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
        except (UnicodeDecodeError, AttributeError):  # not UTF-8, or NULL
            leaf = b""
        if leaf.hex() != stored_leaf:
            return Problem(
                seq,
                pk,
                "its content does not match its leaf hash (edited, inserted or reordered)",
            )
        good.append(leaf)
        state.last_root = stored_root
        state.last_pk = pk
        state.expected += 1
    return None
