"""``/healthz`` (the process lives) and ``/readyz`` (it can serve) for load balancers and monitoring."""
from __future__ import annotations

from flask import Blueprint, jsonify

from app.auth.access import public_blueprint

from app.operations.readiness import overall_status, readiness

bp = Blueprint("operations", __name__)
public_blueprint(bp)


@bp.get("/healthz")
def show_health():
    """Answer as long as the process can handle a request."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def show_readiness():
    """Answer 200 when the database, migrations, Redis and job queue are fine, else 503 naming what fails."""
    probes = readiness()
    status = overall_status(probes)
    return jsonify({"status": status, "checks": {name: probe.as_json() for name, probe in probes.items()}}), (
        200 if status == "ok" else 503)
