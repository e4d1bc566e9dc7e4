"""The interview guide: sections, questions, translations, copying and the respondent preview."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.errors import ValidationError, apply_to_form, save_form
from app.surveys import guides, queries
from app.surveys.forms import ActionForm, CopyGuideForm, QuestionForm, SectionForm
from app.surveys.models import Survey
from app.surveys.routes.common import bp, form_status, get_survey_or_404


def _render_guide(survey: Survey, status: int = 200, section_form=None, copy_form=None):
    copy_form = copy_form or CopyGuideForm()
    copy_form.source_id.choices = [(s.id, f"{s.project.title} – {s.title}")
                                   for s in queries.list_other_surveys(survey)]
    answered = {q.id: queries.question_answer_count(q) for q in survey.questions}
    return render_template("surveys/guide.html", project=survey.project, survey=survey,
                           section_form=section_form or SectionForm(prefix="section"), copy_form=copy_form,
                           action_form=ActionForm(), answered=answered), status


@bp.get("/<int:survey_id>/guide")
def show_guide(survey_id: int):
    """Show the interview guide with its sections and questions."""
    return _render_guide(get_survey_or_404(survey_id))


@bp.post("/<int:survey_id>/sections")
def add_section(survey_id: int):
    """Append a section to the guide."""
    survey = get_survey_or_404(survey_id)
    form = SectionForm(prefix="section")
    if form.validate_on_submit():
        try:
            guides.add_section(survey, title=form.title.data, intro=form.intro.data or "")
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Der Abschnitt wurde angelegt."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return _render_guide(survey, 422, section_form=form)


def _translation_fields(languages, keys, source: dict, form) -> dict:
    result = {}
    for language in languages:
        if language == "de":
            continue
        entry = {}
        for key in keys:
            value = (form.get(f"tr-{language}-{key}") or "").strip()
            if value:
                entry[key] = value
        if entry:
            result[language] = entry
    return result


@bp.route("/<int:survey_id>/sections/<int:section_id>/edit", methods=["GET", "POST"])
def edit_section(survey_id: int, section_id: int):
    """Change a section's title, intro and translations."""
    survey = get_survey_or_404(survey_id)
    section = queries.get_section_or_404(survey, section_id)
    form = SectionForm(obj=section)
    if save_form(form, lambda: guides.update_section(
            section, title=form.title.data, intro=form.intro.data or "",
            translations=_translation_fields(survey.languages, ("title", "intro"), section.translations, request.form)),
                 _("Der Abschnitt wurde gespeichert.")):
        return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/section_form.html", project=survey.project, survey=survey, section=section,
                           form=form), form_status(form)


@bp.post("/<int:survey_id>/sections/<int:section_id>/delete")
def delete_section(survey_id: int, section_id: int):
    """Delete a section (refused while its questions have answers)."""
    survey = get_survey_or_404(survey_id)
    try:
        guides.delete_section(queries.get_section_or_404(survey, section_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Der Abschnitt wurde gelöscht."), "success")
    return redirect(url_for("surveys.show_guide", survey_id=survey.id))


@bp.post("/<int:survey_id>/sections/<int:section_id>/move/<direction>")
def move_section(survey_id: int, section_id: int, direction: str):
    """Move a section up or down."""
    survey = get_survey_or_404(survey_id)
    guides.move_section(queries.get_section_or_404(survey, section_id), -1 if direction == "up" else 1)
    return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"section-{section_id}"))


def _question_form(survey: Survey, question=None) -> QuestionForm:
    form = QuestionForm(obj=question) if question is not None else QuestionForm()
    form.section_id.choices = [(s.id, s.title) for s in survey.sections]
    form.field_of_action_id.choices = [(0, _("– kein Handlungsfeld –"))] + [
        (f.id, f"{f.number}. {f.name}") for f in survey.project.fields_of_action]
    if question is not None and request.method == "GET":
        form.options.data = "\n".join(f"{o['value']} = {o['label']}" for o in question.options)
        form.field_of_action_id.data = question.field_of_action_id or 0
        form.scale_min_label.data = question.scale_labels.get(str(question.scale_min), "")
        form.scale_max_label.data = question.scale_labels.get(str(question.scale_max), "")
    return form


def _question_values(form, survey, question=None) -> dict:
    scale_min = form.scale_min.data if form.scale_min.data is not None else 1
    scale_max = form.scale_max.data if form.scale_max.data is not None else 5
    keys = ("text", "help")
    translations = _translation_fields(survey.languages, keys, {}, request.form)
    options_source = guides.parse_options(form.options.data or "") if form.kind.data in (
        "single_choice", "multiple_choice", "ranking") else []
    for language in survey.languages:
        if language == "de":
            continue
        labels = {o["value"]: request.form.get(f"tr-{language}-option-{o['value']}", "").strip()
                  for o in options_source}
        # Before the first save the options have no values yet: their translations come as lines in order.
        lines = [line.strip() for line in request.form.get(f"tr-{language}-options", "").splitlines() if line.strip()]
        for option, line in zip(options_source, lines, strict=False):
            labels[option["value"]] = labels[option["value"]] or line
        labels = {k: v for k, v in labels.items() if v}
        scale = {str(p): request.form.get(f"tr-{language}-scale-{p}", "").strip() for p in (scale_min, scale_max)}
        for point, end in ((scale_min, "low"), (scale_max, "high")):
            scale[str(point)] = scale[str(point)] or request.form.get(f"tr-{language}-scale-{end}", "").strip()
        scale = {k: v for k, v in scale.items() if v}
        if labels:
            translations.setdefault(language, {})["options"] = labels
        if scale:
            translations.setdefault(language, {})["scale_labels"] = scale
    return dict(kind=form.kind.data, text=form.text.data, help=form.help.data or "", is_required=form.is_required.data,
                options=options_source, scale_min=scale_min, scale_max=scale_max,
                scale_labels={str(scale_min): form.scale_min_label.data or "",
                              str(scale_max): form.scale_max_label.data or ""},
                field_of_action_id=form.field_of_action_id.data or None, translations=translations)


@bp.route("/<int:survey_id>/questions/new", methods=["GET", "POST"])
def add_question(survey_id: int):
    """Add a question to a section of the guide."""
    survey = get_survey_or_404(survey_id)
    form = _question_form(survey)
    if request.method == "GET" and request.args.get("section_id", type=int):
        form.section_id.data = request.args.get("section_id", type=int)
    if save_form(form, lambda: guides.add_question(queries.get_section_or_404(survey, form.section_id.data),
                                                   **_question_values(form, survey)),
                 _("Die Frage wurde angelegt.")):
        return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return render_template("surveys/question_form.html", project=survey.project, survey=survey, question=None,
                           form=form), form_status(form)


@bp.route("/<int:survey_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
def edit_question(survey_id: int, question_id: int):
    """Change a question (refused when the change would orphan answers)."""
    survey = get_survey_or_404(survey_id)
    question = queries.get_question_or_404(survey, question_id)
    form = _question_form(survey, question)
    if form.validate_on_submit():
        try:
            values = _question_values(form, survey, question)
            guides.update_question(question, **values)
            if form.section_id.data != question.section_id:
                guides.move_question_to_section(question, queries.get_section_or_404(survey, form.section_id.data))
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("Die Frage wurde gespeichert."), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"question-{question.id}"))
    return render_template("surveys/question_form.html", project=survey.project, survey=survey, question=question,
                           form=form, answered=queries.question_answer_count(question)), form_status(form)


@bp.post("/<int:survey_id>/questions/<int:question_id>/delete")
def delete_question(survey_id: int, question_id: int):
    """Delete a question (refused once it has answers)."""
    survey = get_survey_or_404(survey_id)
    try:
        guides.delete_question(queries.get_question_or_404(survey, question_id))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("Die Frage wurde gelöscht."), "success")
    return redirect(url_for("surveys.show_guide", survey_id=survey.id))


@bp.post("/<int:survey_id>/questions/<int:question_id>/move/<direction>")
def move_question(survey_id: int, question_id: int, direction: str):
    """Move a question up or down."""
    survey = get_survey_or_404(survey_id)
    guides.move_question(queries.get_question_or_404(survey, question_id), -1 if direction == "up" else 1)
    return redirect(url_for("surveys.show_guide", survey_id=survey.id, _anchor=f"question-{question_id}"))


@bp.post("/<int:survey_id>/questions/<int:question_id>/duplicate")
def duplicate_question(survey_id: int, question_id: int):
    """Insert a copy of a question after it."""
    survey = get_survey_or_404(survey_id)
    copy = guides.duplicate_question(queries.get_question_or_404(survey, question_id))
    flash(_("Die Frage wurde kopiert."), "success")
    return redirect(url_for("surveys.edit_question", survey_id=survey.id, question_id=copy.id))


@bp.post("/<int:survey_id>/guide/copy")
def copy_guide(survey_id: int):
    """Copy the guide of another survey (of this or another project) into this one."""
    survey = get_survey_or_404(survey_id)
    form = CopyGuideForm()
    form.source_id.choices = [(s.id, s.title) for s in queries.list_other_surveys(survey)]
    if form.validate_on_submit():
        try:
            count = guides.copy_guide(get_survey_or_404(form.source_id.data), survey)
        except ValidationError as error:
            apply_to_form(form, error)
        else:
            flash(_("%(count)s Fragen wurden übernommen.", count=count), "success")
            return redirect(url_for("surveys.show_guide", survey_id=survey.id))
    return _render_guide(survey, 422, copy_form=form)


@bp.get("/<int:survey_id>/preview")
def preview_survey(survey_id: int):
    """Show the guide as a respondent sees it in a language (nothing is saved)."""
    from app.languages.registry import language
    from app.surveys.respond import render_preview

    survey = get_survey_or_404(survey_id)
    shown = language(request.args.get("lang"))
    return render_template("surveys/preview.html", project=survey.project, survey=survey, preview_language=shown,
                           preview=render_preview(survey, shown.tag),
                           has_questions=any(s.questions for s in survey.sections))
