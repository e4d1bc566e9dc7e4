"""What comes from the participants: proposals to moderate, personal codes to hand out and release."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from app.errors import ValidationError, apply_to_form
from app.extensions import db
from app.qr import qr_svg
from app.workshops import participation, queries, services
from app.workshops.join_instructions import join_instructions, personal_code_instructions
from app.workshops.forms import AcceptProposalForm, ActionForm, PersonalCodesForm
from app.workshops.routes.common import LABELS, bp, form_status, join_url, load_workshop, run_action


@bp.get("/projects/<int:project_id>/<int:workshop_id>/proposals")
def list_proposals(project_id: int, workshop_id: int):
    """Show proposals to moderate and those already decided."""
    project, workshop = load_workshop(project_id, workshop_id)
    proposals = queries.proposals_of(workshop)
    forms = {p.id: AcceptProposalForm(prefix=f"p{p.id}", title=p.title) for p in proposals if p.status == "pending"}
    return render_template("workshops/proposals.html", project=project, workshop=workshop, proposals=proposals,
                           forms=forms, action_form=ActionForm(), labels=LABELS,
                           fields={f.id: f.name for f in project.fields_of_action})


@bp.post("/projects/<int:project_id>/<int:workshop_id>/proposals/<int:proposal_id>/accept")
def accept_proposal(project_id: int, workshop_id: int, proposal_id: int):
    """Accept a proposal: it becomes an item with source proposal:<id>."""
    _project, workshop = load_workshop(project_id, workshop_id)
    proposal = queries.get_proposal_or_404(workshop, proposal_id)
    form = AcceptProposalForm(prefix=f"p{proposal.id}")
    if form.validate_on_submit():
        try:
            services.accept_proposal(proposal, title=form.title.data)
        except ValidationError as error:
            db.session.rollback()
            flash(str(error.message), "danger")
        else:
            flash(_("Der Vorschlag wurde angenommen."), "success")
    else:
        flash(_("Bitte einen Titel angeben."), "danger")
    return redirect(url_for("workshops.list_proposals", project_id=project_id, workshop_id=workshop_id))


@bp.post("/projects/<int:project_id>/<int:workshop_id>/proposals/<int:proposal_id>/reject")
def reject_proposal(project_id: int, workshop_id: int, proposal_id: int):
    """Reject a proposal: it is not shown."""
    _project, workshop = load_workshop(project_id, workshop_id)
    proposal = queries.get_proposal_or_404(workshop, proposal_id)
    run_action(lambda: services.reject_proposal(proposal), _("Der Vorschlag wurde abgelehnt."))
    return redirect(url_for("workshops.list_proposals", project_id=project_id, workshop_id=workshop_id))


@bp.route("/projects/<int:project_id>/<int:workshop_id>/codes", methods=["GET", "POST"])
def create_personal_codes(project_id: int, workshop_id: int):
    """Generate personal codes and show them once as a printable sheet (only hashes are stored)."""
    project, workshop = load_workshop(project_id, workshop_id)
    form = PersonalCodesForm()
    if form.validate_on_submit():
        labels = [line for line in (form.labels.data or "").splitlines() if line.strip()]
        try:
            codes = participation.generate_personal_codes(workshop, form.count.data, labels)
        except ValidationError as error:
            db.session.rollback()
            apply_to_form(form, error)
        else:
            return render_template("workshops/codes_sheet.html", project=project, workshop=workshop, codes=codes,
                                   join_url=join_url(workshop),
                                   join_texts=join_instructions(workshop, join_url(workshop)),
                                   code_texts=personal_code_instructions(workshop),
                                   qr=qr_svg(join_url(workshop), scale=3, title=_("QR-Code zum Beitreten")))
    return render_template("workshops/codes.html", project=project, workshop=workshop, form=form,
                           counts=queries.personal_code_counts(workshop), codes=queries.list_personal_codes(workshop),
                           action_form=ActionForm()), form_status(form)


@bp.post("/projects/<int:project_id>/<int:workshop_id>/codes/<int:code_id>/release")
def release_personal_code(project_id: int, workshop_id: int, code_id: int):
    """Let the holder of a used personal code join again as the same participant."""
    _project, workshop = load_workshop(project_id, workshop_id)
    code = queries.get_personal_code_or_404(workshop, code_id)
    run_action(lambda: participation.release_personal_code(code),
               _("Der Code ist wieder frei. Die Person kann erneut beitreten und behält ihre Stimmen."))
    return redirect(url_for("workshops.create_personal_codes", project_id=project_id, workshop_id=workshop_id))
