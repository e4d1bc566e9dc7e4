"""The section editor with optimistic locking, drafts from evidence and their proposals."""
from __future__ import annotations

import difflib

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_security import current_user

from app.concept import queries, services
from app.concept.forms import AcceptProposalForm, ConfirmForm, SectionForm
from app.concept.models import EditConflict
from app.concept.routes.common import bp, flash_error, load_concept
from app.errors import ValidationError, apply_to_form
from app.projects.queries import get_field_or_404


def _number_of(concept, section) -> str:
    return next((e.number for e in queries.outline(concept) if e.section.id == section.id), "")


def text_diff(theirs: str, mine: str) -> list[tuple[str, str]]:
    """Return a line diff as (marker, line): "-" only in the stored text, "+" only in yours, " " in both."""
    result = []
    for line in difflib.ndiff((theirs or "").splitlines(), (mine or "").splitlines()):
        if line.startswith("? "):
            continue
        result.append((line[0], line[2:]))
    return result


@bp.route("/<int:project_id>/sections/<int:section_id>", methods=["GET", "POST"])
def edit_section(project_id: int, section_id: int):
    """Edit a section's text and status; a save based on an outdated version is refused with both texts."""
    project, concept = load_concept(project_id)
    section = queries.get_section_or_404(concept, section_id)
    form = SectionForm(obj=section)
    conflict = None
    status = 200
    if request.method == "GET":
        form.version.data = section.version
    elif form.validate_on_submit():
        try:
            expected = int(form.version.data or 0)
        except ValueError:
            expected = 0
        try:
            services.save_section(section, body=form.body.data, status=form.status.data, expected_version=expected,
                                  user=current_user, title=form.title.data)
        except EditConflict as error:
            current = error.section
            conflict = {"theirs": current.body, "mine": form.body.data, "by": current.updated_by,
                        "at": current.updated_at, "version": current.version,
                        "diff": text_diff(current.body, form.body.data)}
            form.version.data = current.version
            status = 409
        except ValidationError as error:
            apply_to_form(form, error)
            status = 422
        else:
            flash(_("Der Abschnitt wurde gespeichert (Version %(v)s).", v=section.version), "success")
            return redirect(url_for("concept.edit_section", project_id=project.id, section_id=section.id))
    else:
        status = 422
    pending = [p for p in section.proposals if p.state == "pending"]
    accept_form = AcceptProposalForm()
    accept_form.version.data = section.version
    return render_template("concept/section.html", project=project, concept=concept, section=section, form=form,
                           number=_number_of(concept, section), conflict=conflict, proposals=pending,
                           accept_form=accept_form, confirm_form=ConfirmForm(),
                           sources_by_paragraph=_sources_by_paragraph(section)), status


def _sources_by_paragraph(section) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for source in section.sources:
        grouped.setdefault(source.paragraph, []).append(source)
    return grouped


@bp.post("/<int:project_id>/fields/<int:field_id>/draft/<part>")
def draft_section(project_id: int, field_id: int, part: str):
    """Draft a field's strengths or goals from the evidence as a proposal beside the editor."""
    project, concept = load_concept(project_id)
    field = get_field_or_404(project, field_id)
    if part not in ("strengths", "goals"):
        abort(404)
    try:
        proposal = services.draft_from_evidence(concept, field, part, current_user)
    except ValidationError as error:
        flash_error(error)
        return redirect(url_for("concept.show_field", project_id=project.id, field_id=field.id))
    flash(_("Ein Entwurf aus der Evidenz liegt bereit. Prüfen Sie ihn und übernehmen Sie ihn in den Text."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id)
                    + f"#proposal-{proposal.id}")


@bp.post("/<int:project_id>/proposals/<int:proposal_id>/accept")
def accept_proposal(project_id: int, proposal_id: int):
    """Take a drafted text into its section (append or replace, as the author chose)."""
    project, concept = load_concept(project_id)
    proposal = queries.get_proposal_or_404(concept, proposal_id)
    form = AcceptProposalForm()
    try:
        expected = int(form.version.data or 0)
    except ValueError:
        expected = 0
    try:
        services.accept_proposal(proposal, mode=form.mode.data, expected_version=expected, user=current_user)
    except EditConflict:
        flash(_("Der Abschnitt wurde inzwischen geändert. Bitte prüfen Sie den aktuellen Text und übernehmen Sie den "
                "Entwurf dann erneut."), "error")
    except ValidationError as error:
        flash_error(error)
    else:
        flash(_("Der Entwurf wurde übernommen. Die Quellen stehen neben dem Text."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id))


@bp.post("/<int:project_id>/proposals/<int:proposal_id>/dismiss")
def dismiss_proposal(project_id: int, proposal_id: int):
    """Discard a drafted text."""
    project, concept = load_concept(project_id)
    proposal = queries.get_proposal_or_404(concept, proposal_id)
    try:
        services.dismiss_proposal(proposal)
    except ValidationError as error:
        flash_error(error)
    else:
        flash(_("Der Entwurf wurde verworfen."), "success")
    return redirect(url_for("concept.edit_section", project_id=project.id, section_id=proposal.section_id))
