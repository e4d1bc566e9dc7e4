"""Unguessable access tokens (invitation links, participant tokens) stored only as keyed hashes."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app


def hash_token(token: str) -> str:
    """Return the keyed SHA-256 hash under which a token is stored (never the token itself)."""
    pepper = current_app.config["TOKEN_PEPPER"].encode()
    return hmac.new(pepper, token.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def issue_token(nbytes: int = 24) -> tuple[str, str]:
    """Return a new random token and its hash: give the token out, store the hash."""
    token = secrets.token_urlsafe(nbytes)
    return token, hash_token(token)


def token_matches(token: str, stored_hash: str) -> bool:
    """Compare a presented token with a stored hash in constant time."""
    return hmac.compare_digest(hash_token(token), stored_hash or "")


def issue_short_code(length: int = 6, alphabet: str = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") -> str:
    """Return a short human-typeable code (no look-alike characters), e.g. for joining a workshop."""
    return "".join(secrets.choice(alphabet) for _ in range(length))
