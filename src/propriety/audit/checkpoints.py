"""Signed checkpoints: a council's log size and root, signed with Ed25519.

A checkpoint is a short signed note, in the spirit of the signed tree heads of
RFC 6962/9162 (and the plain-text checkpoints transparency logs publish)::

    propriety-audit/kestrelford
    1234
    <root hash, base64>
    2027-01-11T07:15:00Z

    leaves <digest of the leaves, base64> <last whole link of the leaf chain, base64>
    frontier <root of each perfect subtree, base64, largest first> ...

    — propriety-audit 1a2b3c4d <signature of the lines above, base64>

The last two lines (since 6 December 2026; older checkpoints have four lines and
still verify) let verify skip rebuilding the Merkle tree up to the checkpoint:
the leaf digest (``merkle.LeafChain``) pins every leaf it covers, and the
frontier lets the tree be carried on after it. The signer works both out from
the stored leaves, carrying on from the newest earlier checkpoint that has them
(checkpointing.py), never from the log head alone.

The signing key is ``PROPRIETY_AUDIT_SIGNING_KEY`` (an Ed25519 private key in
PEM, or its 32 bytes in base64) or, failing that, the PEM file
``PROPRIETY_AUDIT_KEY_FILE`` (default ``<data directory>/audit-signing-key.pem``),
made the first time it is needed. Anyone with the public key can check a
checkpoint offline: ``propriety audit check-checkpoint FILE --public-key KEY``,
or with OpenSSL alone (docs/operations.md).
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ORIGIN_PREFIX = "propriety-audit/"
SIGNER = "propriety-audit"
KEY_ENV = "PROPRIETY_AUDIT_SIGNING_KEY"


class CheckpointError(ValueError):
    """A checkpoint file that cannot be read."""


@dataclass(frozen=True)
class CheckpointNote:
    origin: str  # the council's slug
    tree_size: int
    root_hash: str  # hex
    made_at: str
    key_id: str
    signature: bytes
    # Hex; empty in checkpoints made before 6 December 2026 (see the module's note).
    leaves: str = ""
    chain: str = ""
    frontier: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        root = _b64(self.root_hash)
        body = f"{ORIGIN_PREFIX}{self.origin}\n{self.tree_size}\n{root}\n{self.made_at}\n"
        if self.leaves:
            hashes = "".join(f" {_b64(h)}" for h in self.frontier)
            body += f"leaves {_b64(self.leaves)} {_b64(self.chain)}\nfrontier{hashes}\n"
        return body

    @property
    def text(self) -> str:
        sig = base64.b64encode(self.signature).decode()
        return f"{self.body}\n— {SIGNER} {self.key_id} {sig}\n"


def _b64(hex_hash: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_hash)).decode()


def _hash(text: str) -> str:
    """A base64 SHA-256 hash as hex (ValueError if it is not one)."""
    raw = base64.b64decode(text, validate=True)
    if len(raw) != 32:
        raise ValueError(f"a hash of {len(raw)} bytes")
    return raw.hex()


def parse_note(text: str) -> CheckpointNote:
    """Read a checkpoint note; :class:`CheckpointError` says what is wrong with it."""
    body, sep, sig_block = text.partition("\n\n")
    lines = body.split("\n")
    if not sep or len(lines) not in (4, 6) or not lines[0].startswith(ORIGIN_PREFIX):
        raise CheckpointError(
            "Not a Propriety checkpoint: expected four lines (origin, size, root, time), "
            "perhaps the leaves and frontier lines, a blank line and a signature line."
        )
    leaves = chain = ""
    frontier: tuple[str, ...] = ()
    try:
        size = int(lines[1])
        root = base64.b64decode(lines[2], validate=True).hex()
        if len(lines) == 6:
            name, leaves_b64, chain_b64 = lines[4].split(" ")
            what, *hashes = lines[5].split(" ")
            if name != "leaves" or what != "frontier":
                raise ValueError("its leaves or frontier line is not as signed")
            leaves, chain = _hash(leaves_b64), _hash(chain_b64)
            frontier = tuple(map(_hash, hashes))
        dash, signer, key_id, sig = sig_block.strip().split(" ")
        signature = base64.b64decode(sig, validate=True)
    except ValueError as error:
        raise CheckpointError(f"The checkpoint is damaged: {error}.") from None
    if dash != "—" or signer != SIGNER:
        raise CheckpointError("The checkpoint's signature line is not Propriety's.")
    return CheckpointNote(
        origin=lines[0].removeprefix(ORIGIN_PREFIX),
        tree_size=size,
        root_hash=root,
        made_at=lines[3],
        key_id=key_id,
        signature=signature,
        leaves=leaves,
        chain=chain,
        frontier=frontier,
    )


def _key_file() -> Path:
    from django.conf import settings

    configured = getattr(settings, "PROPRIETY_AUDIT_KEY_FILE", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "audit-signing-key.pem"


def load_private_key(text: str) -> Ed25519PrivateKey:
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise CheckpointError("The audit signing key must be an Ed25519 key.")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))


def signing_key() -> Ed25519PrivateKey:
    """The installation's signing key (made and saved under the data directory if none)."""
    from_env = os.environ.get(KEY_ENV, "").strip()
    if from_env:
        return load_private_key(from_env)
    path = _key_file()
    if path.exists():
        return load_private_key(path.read_text())
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return load_private_key(path.read_text())
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    return key


def public_key_pem(key: Ed25519PublicKey | None = None) -> str:
    key = key or signing_key().public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def load_public_key(pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise CheckpointError("The public key is not an Ed25519 key.")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:8]


def sign_note(
    origin: str,
    tree_size: int,
    root_hash: str,
    when: datetime.datetime,
    *,
    leaves: str = "",
    chain: str = "",
    frontier: tuple[str, ...] = (),
) -> CheckpointNote:
    key = signing_key()
    made_at = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    unsigned = CheckpointNote(
        origin,
        tree_size,
        root_hash,
        made_at,
        key_id(key.public_key()),
        b"",
        leaves=leaves,
        chain=chain,
        frontier=frontier,
    )
    return dataclasses.replace(unsigned, signature=key.sign(unsigned.body.encode()))


def previous_public_keys() -> list[Ed25519PublicKey]:
    """Public keys of earlier signing keys (``PROPRIETY_AUDIT_PREVIOUS_KEYS``: PEM files),
    so checkpoints signed before the key was changed still verify."""
    from django.conf import settings

    paths = getattr(settings, "PROPRIETY_AUDIT_PREVIOUS_KEYS", ()) or ()
    return [load_public_key(Path(p).read_text(encoding="utf-8")) for p in paths]


def check_signature(note: CheckpointNote, public_key: Ed25519PublicKey | None = None) -> bool:
    """Whether ``note`` is signed by ``public_key`` (default: this installation's key, or
    the earlier key whose id the note names)."""
    key = public_key or signing_key().public_key()
    if public_key is None and key_id(key) != note.key_id:
        key = next((k for k in previous_public_keys() if key_id(k) == note.key_id), key)
    try:
        key.verify(note.signature, note.body.encode())
    except InvalidSignature:
        return False
    return True
