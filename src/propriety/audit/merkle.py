"""Merkle tree hashing as RFC 6962 / RFC 9162 §2.1 define it, with no Django.

Leaves are hashed ``SHA-256(0x00 || entry)`` and inner nodes
``SHA-256(0x01 || left || right)``; a tree of ``n`` leaves splits at the
largest power of two below ``n``. :class:`Frontier` appends leaves one at a
time keeping only the roots of its perfect subtrees (O(log n) hashes), which
is what a council's log head stores. Inclusion and consistency proofs, and
their checks, follow RFC 9162 §2.1.3 and §2.1.4, so a proof printed by
``propriety audit prove`` can be checked by any implementation of the RFC.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from itertools import repeat

_sha256 = hashlib.sha256
_digest = type(_sha256()).digest
EMPTY_ROOT = _sha256(b"").digest()


def leaf_hash(entry: bytes) -> bytes:
    return _sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


class Frontier:
    """The roots of the perfect subtrees of a tree of ``size`` leaves, largest first."""

    __slots__ = ("hashes", "size")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ValueError(f"A frontier of {size} leaves has {bin(size).count('1')} hashes.")
        self.size = size
        self.hashes = list(hashes)

    def append(self, leaf: bytes) -> None:
        h, s, hashes = leaf, self.size, self.hashes
        while s & 1:
            h = _sha256(b"\x01" + hashes.pop() + h).digest()
            s >>= 1
        hashes.append(h)
        self.size += 1

    def append_subtree(self, root: bytes, height: int) -> None:
        """Append ``2**height`` leaves at once, given the root of their perfect subtree.

        The tree's size must be a multiple of ``2**height`` (as it is when whole
        aligned blocks of leaves are appended, largest first).
        """
        if self.size & ((1 << height) - 1):
            raise ValueError(f"A tree of {self.size} leaves cannot take a block of {1 << height}.")
        h, s, hashes = root, self.size >> height, self.hashes
        while s & 1:
            h = _sha256(b"\x01" + hashes.pop() + h).digest()
            s >>= 1
        hashes.append(h)
        self.size += 1 << height

    def root(self) -> bytes:
        return root_of(self.hashes)


def root_of(subtrees: Sequence[bytes]) -> bytes:
    """The root of a tree given the roots of its perfect subtrees, largest first."""
    if not subtrees:
        return EMPTY_ROOT
    r = subtrees[-1]
    for h in reversed(subtrees[:-1]):
        r = _sha256(b"\x01" + h + r).digest()
    return r


def levels(leaves: list[bytes]) -> list[list[bytes]]:
    """The roots of the aligned perfect subtrees over ``leaves``, level by level.

    Level ``j`` holds the root of each whole aligned block of ``2**j`` leaves (a
    part block at the end is left out). Each level is hashed in one pass with no
    Python code per node, which is what makes verifying a long log cheap.
    """
    out = [leaves]
    level = leaves
    while len(level) > 1:
        level = list(
            map(
                _digest, map(_sha256, map(b"".join, zip(repeat(b"\x01"), level[0::2], level[1::2])))
            )
        )
        out.append(level)
    return out


def blocks(level_hashes: Sequence[Sequence[bytes]], count: int) -> list[tuple[bytes, int]]:
    """The perfect subtrees (root, height) of the first ``count`` leaves, largest first."""
    out = []
    offset = 0
    for height in range(count.bit_length() - 1, -1, -1):
        if count >> height & 1:
            out.append((level_hashes[height][offset >> height], height))
            offset += 1 << height
    return out


LEAF_CHAIN_BLOCK = 256  # leaves a link of the leaf chain
CHAIN_START = bytes(32)


class LeafChain:
    """A digest of a log's leaf hashes that can be carried on from a signed checkpoint.

    The leaves are taken in links of :data:`LEAF_CHAIN_BLOCK` (256): ``c(0)``
    is 32 zero bytes and ``c(j) = SHA-256(c(j-1) || the 256 leaves of link j)``
    (each leaf its 32 bytes). The digest of the first ``n`` leaves is
    ``SHA-256(c(n // 256) || the leaves after the last whole link)``. A
    checkpoint signs the digest at its size and ``c(n // 256)``, so the next
    checkpoint need only read the leaves after that link (fewer than 256 more
    than it covers), and verify checks every leaf up to a checkpoint with one
    hash call for 256 leaves.
    """

    __slots__ = ("chain", "pending", "size")

    def __init__(self, size: int = 0, chain: bytes = CHAIN_START) -> None:
        if size % LEAF_CHAIN_BLOCK or len(chain) != 32:
            raise ValueError("A leaf chain starts at a whole link, from a 32-byte link hash.")
        self.size = size  # leaves folded into ``chain``: a multiple of the link
        self.chain = chain
        self.pending = b""  # the leaves after them

    @property
    def count(self) -> int:
        return self.size + len(self.pending) // 32

    def digest(self) -> bytes:
        return _sha256(self.chain + self.pending).digest()

    def extend(
        self, leaves: bytes, want: Collection[int] = (), out: dict[int, bytes] | None = None
    ) -> None:
        """Take in ``leaves`` (32 bytes each); the digests at the sizes in ``want``
        that fall inside them go into ``out``."""
        buf = self.pending + leaves if self.pending else leaves
        pos, c, off, step = self.size, self.chain, 0, LEAF_CHAIN_BLOCK * 32
        end = pos + len(buf) // 32
        start = self.count
        if out is not None:
            for n in sorted(w for w in want if start < w <= end):
                while n - pos >= LEAF_CHAIN_BLOCK:
                    c = _sha256(c + buf[off : off + step]).digest()
                    off += step
                    pos += LEAF_CHAIN_BLOCK
                out[n] = _sha256(c + buf[off : off + (n - pos) * 32]).digest()
        while end - pos >= LEAF_CHAIN_BLOCK:
            c = _sha256(c + buf[off : off + step]).digest()
            off += step
            pos += LEAF_CHAIN_BLOCK
        self.chain, self.size, self.pending = c, pos, buf[off:]


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def tree_root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) from leaf hashes."""
    f = Frontier()
    for leaf in leaves:
        f.append(leaf)
    return f.root()


def inclusion_proof(index: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PATH(m, D[n]) (RFC 6962 §2.1.1) over leaf hashes."""
    n = len(leaves)
    if not 0 <= index < n:
        raise ValueError(f"Leaf {index} is not in a tree of {n} leaves.")
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return [*inclusion_proof(index, leaves[:k]), tree_root(leaves[k:])]
    return [*inclusion_proof(index - k, leaves[k:]), tree_root(leaves[:k])]


def consistency_proof(m: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) (RFC 6962 §2.1.2) over leaf hashes."""
    n = len(leaves)
    if not 0 < m <= n:
        raise ValueError(f"No consistency proof from {m} leaves to {n}.")
    return _subproof(m, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [tree_root(leaves)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], complete), tree_root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), tree_root(leaves[:k])]


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2."""
    if size1 > size2:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if size1 == 0:
        return not proof
    path = list(proof)
    if size1 & (size1 - 1) == 0:  # a power of two: the old root starts the path
        path.insert(0, root1)
    if not path:
        return False
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == root1 and sr == root2 and sn == 0
