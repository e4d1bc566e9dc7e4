"""Signals other capabilities listen to, so surveys need not import them (data flows surveys -> analysis).

``answers_changed`` is sent after answers of a project were stored, changed or imported and committed;
receivers get ``project_id``. The analysis capability uses it to compute each new answer's sentence vector
in the background.
"""
from __future__ import annotations

from blinker import Namespace
from flask import current_app

_signals = Namespace()
answers_changed = _signals.signal("answers-changed")


def notify_answers_changed(project_id: int) -> None:
    """Tell listeners that answers of this project changed (call after the commit)."""
    answers_changed.send(current_app._get_current_object(), project_id=project_id)
