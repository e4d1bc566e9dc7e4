"""Accessibility statement with feedback form, Leichte Sprache, privacy notice, language switch."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_security import current_user
from sqlalchemy import select

from app.auth.access import instance_roles, public_blueprint
from app.extensions import db, limiter
from app.pages import services
from app.pages.forms import FeedbackForm, SiteTextForm
from app.pages.models import AccessibilityFeedback
from app.pages.texts import render_text_blocks
from app.web import safe_local_url

bp = Blueprint("pages", __name__, url_prefix="/pages")
public_blueprint(bp)  # the statement, Leichte Sprache, privacy notice; the staff pages say so below


@bp.route("/accessibility", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def show_accessibility_statement():
    """Show the accessibility statement and take feedback about barriers."""
    form = FeedbackForm()
    if form.validate_on_submit():
        services.submit_feedback(form.message.data, form.page.data, form.contact.data)
        flash(_("Danke! Ihre Rückmeldung ist angekommen. Wir antworten innerhalb von sechs Wochen, wenn Sie eine Kontaktmöglichkeit angegeben haben."), "success")
        return redirect(url_for("pages.show_accessibility_statement"))
    return render_template("pages/accessibility.html", form=form), 422 if form.errors else 200


@bp.get("/easy-language")
def show_easy_language():
    """Explain the platform in Leichte Sprache."""
    return render_template("pages/easy_language.html")


@bp.get("/privacy")
def show_privacy_notice():
    """Show the privacy notice the municipality wrote."""
    return render_template("pages/privacy.html", body=render_text_blocks(services.site_text("privacy")))


@bp.route("/privacy/edit", methods=["GET", "POST"])
@instance_roles("project_lead")
def edit_privacy_notice():
    """Let the municipality edit its privacy notice."""
    form = SiteTextForm()
    if not form.is_submitted():
        form.body.data = services.site_text("privacy")
    if form.validate_on_submit():
        services.save_site_text("privacy", form.body.data, current_user.id)
        flash(_("Die Datenschutzhinweise wurden gespeichert."), "success")
        return redirect(url_for("pages.show_privacy_notice"))
    return render_template("pages/privacy_edit.html", form=form), 422 if form.errors else 200


@bp.get("/feedback")
@instance_roles("project_lead")
def list_feedback():
    """Show the barriers visitors reported."""
    items = db.session.scalars(select(AccessibilityFeedback).order_by(AccessibilityFeedback.created_at.desc()))
    return render_template("pages/feedback_list.html", items=list(items), form=FeedbackForm())


@bp.post("/feedback/<int:feedback_id>/handled")
@instance_roles("project_lead")
def mark_feedback_handled(feedback_id: int):
    """Mark a reported barrier as handled."""
    item = db.session.get(AccessibilityFeedback, feedback_id) or abort(404)
    services.mark_feedback_handled(item)
    return redirect(url_for("pages.list_feedback"))


@bp.get("/language/<code>")
def choose_language(code: str):
    """Remember the chosen interface language and return to the previous page."""
    if code in current_app.config["SUPPORTED_LOCALES"]:
        session["locale"] = code
    return redirect(safe_local_url(request.args.get("next")) or url_for("index"))
