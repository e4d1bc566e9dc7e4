"""One-click opt-out from survey mail: ``/mail/opt-out/<token>`` (the link and the List-Unsubscribe header).

A GET shows a button (link checkers and previews open links without meaning to opt out);
a POST opts out, from the button or from a mail program's one-click request (RFC 8058). The
signed token is the authority, so the POST needs no CSRF token (a forged request would need it).
"""
from __future__ import annotations

from flask import Blueprint, g, render_template, request

from app.auth.access import public_blueprint
from app.extensions import limiter
from app.languages.selection import participant_language, serve_participants, use_participant_language
from app.languages.registry import language
from app.surveys import mailing

bp = Blueprint("mail_opt_out", __name__, url_prefix="/mail/opt-out")
serve_participants(bp)
public_blueprint(bp)
limiter.limit("60 per minute")(bp)

#: Endpoints whose POST skips the CSRF check (see app/web.py).
CSRF_EXEMPT = {"mail_opt_out.opt_out"}


@bp.before_request
def keep_token_private():
    """Keep the token out of Referer headers."""
    g.referrer_policy = "no-referrer"


@bp.route("/<token>", methods=["GET", "POST"])
def opt_out(token: str):
    """Ask to confirm (GET) or stop all further mail about the survey (POST, also RFC 8058 one-click)."""
    respondent = mailing.resolve_opt_out(token)
    if respondent is None:
        return render_template("surveys/respond/opt_out.html", survey=None, done=False,
                               language=participant_language().tag), 404
    if "lang" not in request.args and "lang" not in request.form:
        use_participant_language(language(respondent.language))
    done = respondent.contact is not None and respondent.contact.opted_out_at is not None
    if request.method == "POST":
        mailing.opt_out(respondent)
        done = True
    return render_template("surveys/respond/opt_out.html", survey=respondent.survey, done=done, token=token,
                           language=participant_language().tag)
