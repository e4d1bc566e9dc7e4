"""Read a passage in context: the turns of its interview transcript around it, with timestamps."""
from __future__ import annotations

from flask import abort, render_template

from app.analysis import queries
from app.analysis.routes.common import bp, load_analysis


@bp.context_processor
def transcript_links():
    """Let coding and board pages ask which answers come from a stored transcript."""
    from app.surveys.queries import answers_with_transcript

    return {"answers_with_transcript": answers_with_transcript}


@bp.get("/projects/<int:project_id>/<int:analysis_id>/passages/<int:passage_id>/transcript")
def passage_in_transcript(project_id: int, analysis_id: int, passage_id: int):
    """Show a passage inside its interview transcript: the turns around it, with timestamps."""
    from app.surveys.queries import transcript_context

    project, analysis = load_analysis(project_id, analysis_id)
    passage = queries.get_passage_or_404(analysis, passage_id)
    context = transcript_context(passage.answer.answer_id, passage.start, passage.end)
    if context is None:
        abort(404)
    return render_template("analysis/passage_transcript.html", project=project, analysis=analysis, passage=passage,
                           context=context)
