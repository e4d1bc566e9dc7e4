"""A survey with its guide: sections and questions in order, in German and the languages staff translate to."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.content import Localized, translated

if TYPE_CHECKING:
    from app.surveys.models.respondents import Respondent

SURVEY_MODES = ("interview", "online", "both")
QUESTION_KINDS = ("free_text", "single_choice", "multiple_choice", "scale", "ranking")
CHOICE_KINDS = ("single_choice", "multiple_choice", "ranking")
#: Fields of a survey that staff translate: {tag: {field: text}} in ``Survey.translations``.
SURVEY_TRANSLATED_FIELDS = ("title", "purpose", "consent_text", "special_consent_text")


class Survey(db.Model):
    """An interview study or online survey of a project, with its guide and respondents."""

    __tablename__ = "surveys"
    __table_args__ = (
        CheckConstraint("mode IN ('interview', 'online', 'both')", name="mode_known"),
        CheckConstraint("closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on", name="closes_after_opens"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    #: One of SURVEY_MODES.
    mode: Mapped[str] = mapped_column(String(20), default="both")
    opens_on: Mapped[date | None]
    closes_on: Mapped[date | None]
    #: Closed early by a project lead (independent of closes_on).
    is_closed: Mapped[bool] = mapped_column(default=False)
    #: Still being prepared: nobody can answer until a project lead opens it (``open()`` checks it is ready).
    is_draft: Mapped[bool] = mapped_column(default=False, server_default=false())
    consent_text: Mapped[str] = mapped_column(Text, default="")
    #: Wording of the separate Art. 9 consent to the migration-history question; blank: the standard wording.
    special_consent_text: Mapped[str] = mapped_column(Text, default="")
    #: Raised each time a consent text changes in any language; consent records name the version shown.
    consent_version: Mapped[int] = mapped_column(default=1)
    #: Languages the survey's content is translated into (participant language tags), German first;
    #: respondents may choose any participant language and see German where no translation exists.
    languages: Mapped[list] = mapped_column(JSON, default=lambda: ["de"])
    #: {tag: {"title", "purpose", "consent_text", "special_consent_text"}} for languages other than German.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Whether respondents are asked about migration history (needs its own Art. 9 consent).
    asks_migration_history: Mapped[bool] = mapped_column(default=True)
    #: Districts offered as a respondent attribute (empty: not asked).
    districts: Mapped[list] = mapped_column(JSON, default=list)
    #: Age bands offered as a respondent attribute (empty: not asked).
    age_bands: Mapped[list] = mapped_column(JSON, default=list)
    #: Public link of an open (anonymous) round; public by design, so stored as is. None: no public link.
    public_code: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: Days a personal invitation link stays valid.
    invitation_days: Mapped[int] = mapped_column(default=60)
    #: Mail texts staff wrote: {"invitation"|"reminder": {tag: {"subject": ..., "body": ...}}}; else the defaults.
    mail_texts: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Who respondents may ask (name, phone, address), for the {contact_person} placeholder.
    mail_contact: Mapped[str] = mapped_column(Text, default="")
    #: Remind invited non-submitters this many days after the last mail (None: only by hand).
    reminder_after_days: Mapped[int | None]
    #: Most reminders one respondent gets.
    reminder_limit: Mapped[int] = mapped_column(default=2)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project = relationship("Project")
    sections: Mapped[list[Section]] = relationship(
        back_populates="survey", order_by="Section.position", cascade="all, delete-orphan")
    questions: Mapped[list[Question]] = relationship(
        back_populates="survey", order_by="Question.position",
        cascade="all, delete-orphan", overlaps="section,questions")
    respondents: Mapped[list[Respondent]] = relationship(
        back_populates="survey", cascade="all, delete-orphan", passive_deletes=True)

    @property
    def status(self) -> str:
        """Return draft (not opened yet), scheduled (before the opening date), open, or closed (closed early or
        past the closing date)."""
        if self.is_draft:
            return "draft"
        today = utcnow().date()
        if self.is_closed or (self.closes_on and today > self.closes_on):
            return "closed"
        if self.opens_on and today < self.opens_on:
            return "scheduled"
        return "open"

    @property
    def is_open(self) -> bool:
        """Return whether respondents may answer now."""
        return self.status == "open"

    @property
    def has_public_link(self) -> bool:
        """Return whether the survey has an open public link."""
        return bool(self.public_code)

    @property
    def allows_online(self) -> bool:
        """Return whether respondents answer themselves (online or both)."""
        return self.mode in ("online", "both")

    def text_in(self, field: str, language: str) -> Localized:
        """Return a translated field (title, purpose, consent_text, special_consent_text), German otherwise."""
        return translated(self.translations, language, field, getattr(self, field))

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return self.text_in("title", language)

    def choices_in(self, field: str, language: str) -> list[tuple[str, Localized]]:
        """Return (value, label) of the districts or age bands; labels translated where staff translated them."""
        labels = {language: (self.translations.get(language) or {}).get(field) or {}}
        return [(value, translated(labels, language, value, value)) for value in getattr(self, field)]

    def ordered_questions(self) -> list[Question]:
        """Return the guide's questions in guide order (section by section); the off-guide collector is not one."""
        order = {s.id: s.position for s in self.sections}
        return sorted((q for q in self.questions if not q.is_off_guide),
                      key=lambda q: (order.get(q.section_id, -1), q.position, q.id or 0))

    @property
    def off_guide_question(self) -> Question | None:
        """Return the question that collects what interview respondents said outside the guide (None before any)."""
        return next((q for q in self.questions if q.is_off_guide), None)

    def missing_consent_languages(self) -> list[str]:
        """Return the tags of offered languages that have no consent text yet (German first)."""
        missing = [] if (self.consent_text or "").strip() else ["de"]
        return missing + [tag for tag in self.languages if tag != "de"
                          and not ((self.translations.get(tag) or {}).get("consent_text") or "").strip()]

    def opening_problems(self) -> list[str]:
        """Return what keeps a draft from opening: no questions, a consent text missing in an offered
        language, no period; empty when it may open."""
        from app.languages.registry import language_names

        problems = []
        if not self.questions:
            problems.append(_("Der Leitfaden hat noch keine Fragen."))
        missing = self.missing_consent_languages()
        if missing:
            names = ", ".join(language_names().get(tag, tag) for tag in missing)
            problems.append(_("Der Einwilligungstext fehlt in: %(languages)s.", languages=names))
        if not (self.opens_on and self.closes_on):
            problems.append(_("Der Zeitraum fehlt: Bitte tragen Sie Start- und Enddatum ein."))
        elif utcnow().date() > self.closes_on:
            problems.append(_("Das Enddatum liegt in der Vergangenheit."))
        return problems

    def open(self) -> None:
        """Open a draft for respondents; refuse while questions, consent texts or the period are missing."""
        problems = self.opening_problems()
        if problems:
            raise ValidationError(" ".join([_("Die Befragung kann noch nicht geöffnet werden."), *problems]))
        self.is_draft = False

    def close(self) -> None:
        """Close the survey for respondents."""
        self.is_closed = True

    def reopen(self) -> None:
        """Open the survey again unless its closing date has passed."""
        if self.closes_on and utcnow().date() > self.closes_on:
            raise ValidationError(_("Das Enddatum liegt in der Vergangenheit. Ändern Sie zuerst das Enddatum."),
                                  "closes_on")
        self.is_closed = False


class Section(db.Model):
    """An ordered part of an interview guide (e.g. "Zusammenleben im Stadtteil")."""

    __tablename__ = "survey_sections"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    #: Introductory text shown above the section's questions.
    intro: Mapped[str] = mapped_column(Text, default="")
    #: {language: {"title": ..., "intro": ...}} for languages other than German.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)

    survey: Mapped[Survey] = relationship(back_populates="sections")
    questions: Mapped[list[Question]] = relationship(
        back_populates="section", order_by="Question.position", overlaps="questions")

    def title_in(self, language: str) -> Localized:
        """Return the title in a language, falling back to German."""
        return translated(self.translations, language, "title", self.title)

    def intro_in(self, language: str) -> Localized:
        """Return the intro in a language, falling back to German."""
        return translated(self.translations, language, "intro", self.intro)


class Question(db.Model):
    """A question of a guide; ``options`` hold the choices of choice and ranking questions."""

    __tablename__ = "survey_questions"
    __table_args__ = (
        CheckConstraint("kind IN ('free_text', 'single_choice', 'multiple_choice', 'scale', 'ranking')",
                        name="kind_known"),
        CheckConstraint("scale_min < scale_max", name="scale_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(ForeignKey("survey_sections.id", ondelete="CASCADE"),
                                                   index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: One of QUESTION_KINDS.
    kind: Mapped[str] = mapped_column(String(20), default="free_text")
    text: Mapped[str] = mapped_column(Text)
    help: Mapped[str] = mapped_column(Text, default="")
    is_required: Mapped[bool] = mapped_column(default=False)
    #: [{"value": "kita", "label": "Kinderbetreuung"}, ...] for choice and ranking questions.
    options: Mapped[list] = mapped_column(JSON, default=list)
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)
    #: {"1": "gar nicht", "5": "sehr"}: labels of scale points.
    scale_labels: Mapped[dict] = mapped_column(JSON, default=dict)
    field_of_action_id: Mapped[int | None] = mapped_column(
        ForeignKey("fields_of_action.id", ondelete="SET NULL"), index=True)
    #: {language: {"text", "help", "options": {value: label}, "scale_labels": {point: label}}}.
    translations: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The survey's collector of what interview respondents said outside the guide (off-guide transcript turns).
    #: Not part of the guide: no section, never shown to participants or in the guide editor, but analysed.
    is_off_guide: Mapped[bool] = mapped_column(default=False, server_default=false())

    survey: Mapped[Survey] = relationship(back_populates="questions", overlaps="questions")
    section: Mapped[Section | None] = relationship(back_populates="questions", overlaps="questions,survey")
    field_of_action = relationship("FieldOfAction")

    @property
    def option_values(self) -> list[str]:
        """Return the stored values of the options."""
        return [str(o["value"]) for o in self.options]

    def text_in(self, language: str) -> Localized:
        """Return the question text in a language, falling back to German."""
        return translated(self.translations, language, "text", self.text)

    def help_in(self, language: str) -> Localized:
        """Return the help text in a language, falling back to German."""
        return translated(self.translations, language, "help", self.help)

    def options_in(self, language: str) -> list[dict]:
        """Return the options with labels in a language, falling back to German."""
        labels = {language: (self.translations.get(language) or {}).get("options") or {}}
        return [{"value": str(o["value"]), "label": translated(labels, language, str(o["value"]), o["label"])}
                for o in self.options]

    def scale_labels_in(self, language: str) -> dict[str, Localized]:
        """Return the scale point labels in a language, falling back to German."""
        own = {language: (self.translations.get(language) or {}).get("scale_labels") or {}}
        return {str(k): translated(own, language, str(k), v) for k, v in self.scale_labels.items()}
