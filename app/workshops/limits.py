"""Rate limits that the workshop pages and the JSON API share."""
from __future__ import annotations

from flask import current_app

from app.extensions import client_address_key, limiter


def limit_joins_per_address(view):
    """Limit joining, on the pages and through the API together, per address (WORKSHOP_JOIN_LIMIT).

    Before joining nobody has a token, so the address is the only key a client cannot choose. The
    limit is wide enough for a whole room behind one address and stops a script minting participants.
    """
    return limiter.shared_limit(lambda: current_app.config["WORKSHOP_JOIN_LIMIT"], "workshop-join-address",
                                key_func=client_address_key, methods=["POST"], override_defaults=False)(view)
