"""Surveys and interview studies: guides (sections, questions), respondents, answers, consent.

Identity (contact data) lives in its own table, apart from answers; deletions leave only
an anonymous log row behind so counts stay right (the deletion journal in ``app/privacy``
lets a restored backup be cleaned).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.auth.models import utcnow
from app.errors import ValidationError
from app.extensions import db
from app.languages.content import Localized, translated

SURVEY_MODES = ("interview", "online", "both")
QUESTION_KINDS = ("free_text", "single_choice", "multiple_choice", "scale", "ranking")
CHOICE_KINDS = ("single_choice", "multiple_choice", "ranking")
RESPONDENT_STATUSES = ("invited", "started", "completed")
MIGRATION_HISTORY_VALUES = ("yes", "no", "not_stated")
#: How a respondent came in: a personal link, the public link, an interviewer, or a file import.
RESPONDENT_CHANNELS = ("personal", "public", "interview", "import")
CONSENT_CHANNELS = ("online", "interviewer")
#: What became of the mails to a contact: not mailed yet, waiting in a job, being sent, sent, failed.
MAIL_STATUSES = ("not_mailed", "queued", "sending", "sent", "failed")
#: Kinds of survey mail.
MAIL_KINDS = ("invitation", "reminder")
#: Fields of a survey that staff translate: {tag: {field: text}} in ``Survey.translations``.
SURVEY_TRANSLATED_FIELDS = ("title", "purpose", "consent_text", "special_consent_text")


def coarse_day(moment: datetime) -> datetime:
    """Return midnight of the moment's day (anonymous rounds keep only the day)."""
    return datetime(moment.year, moment.month, moment.day)


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


class Respondent(db.Model):
    """A person answering, known only by a pseudonym code (e.g. "I-07") and a few attributes."""

    __tablename__ = "survey_respondents"
    __table_args__ = (
        UniqueConstraint("survey_id", "pseudonym"),
        CheckConstraint("migration_history IN ('yes', 'no', 'not_stated')", name="migration_history_known"),
        CheckConstraint("status IN ('invited', 'started', 'completed')", name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    pseudonym: Mapped[str] = mapped_column(String(40))
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"), index=True)
    #: yes / no / not_stated (Art. 9 GDPR: only with its own consent).
    migration_history: Mapped[str] = mapped_column(String(20), default="not_stated")
    district: Mapped[str] = mapped_column(String(120), default="")
    age_band: Mapped[str] = mapped_column(String(40), default="")
    #: One of RESPONDENT_STATUSES.
    status: Mapped[str] = mapped_column(String(20), default="invited")
    #: One of RESPONDENT_CHANNELS.
    channel: Mapped[str] = mapped_column(String(20), default="personal")
    #: Keyed hash of the personal link token (the token itself is never stored).
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime | None]
    #: Participant language tag the respondent chose (set as soon as they choose, kept for the answers' language).
    language: Mapped[str] = mapped_column(String(16), default="de")
    #: Times; for public (anonymous) rounds only the day is kept.
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]

    survey: Mapped[Survey] = relationship(back_populates="respondents")
    stakeholder_group = relationship("StakeholderGroup")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True)
    contact: Mapped[RespondentContact | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True, uselist=False)
    consents: Mapped[list[ConsentRecord]] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True,
        order_by="ConsentRecord.id")
    transcript: Mapped[Transcript | None] = relationship(
        back_populates="respondent", cascade="all, delete-orphan", passive_deletes=True, uselist=False)

    @property
    def is_anonymous(self) -> bool:
        """Return whether the respondent came through the public link (no personal data at all)."""
        return self.channel == "public"

    @property
    def is_submitted(self) -> bool:
        """Return whether the answers were submitted."""
        return self.status == "completed"

    @property
    def has_consent(self) -> bool:
        """Return whether consent to the survey was recorded."""
        return bool(self.consents)

    @property
    def has_special_category_consent(self) -> bool:
        """Return whether the respondent consented to being asked about migration history."""
        return any(c.covers_migration_history for c in self.consents)

    def stamp(self, moment: datetime | None = None) -> datetime:
        """Return a timestamp for this respondent: the day only for anonymous rounds."""
        moment = moment or utcnow()
        return coarse_day(moment) if self.is_anonymous else moment

    def is_link_valid(self, now: datetime | None = None) -> bool:
        """Return whether the personal link has not expired."""
        return self.token_expires_at is None or (now or utcnow()) <= self.token_expires_at

    def start(self) -> None:
        """Mark the respondent as started (first answer or consent)."""
        if self.status == "invited":
            self.status = "started"
            self.started_at = self.stamp()

    def submit(self) -> None:
        """Mark the answers as submitted; refuse a second submission."""
        if self.status == "completed":
            raise ValidationError(_("Diese Antworten wurden bereits abgeschickt."))
        if self.started_at is None:
            self.started_at = self.stamp()
        self.status = "completed"
        self.completed_at = self.stamp()

    def extend_link(self, days: int) -> None:
        """Let the personal link live ``days`` more days from now."""
        self.token_expires_at = utcnow() + timedelta(days=days)


class RespondentContact(db.Model):
    """Name and e-mail of a respondent, kept apart from the answers and deletable on its own."""

    __tablename__ = "survey_respondent_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("survey_respondents.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    #: One of MAIL_STATUSES (the last mail's fate; "failed" keeps the relay's reason in mail_error).
    mail_status: Mapped[str] = mapped_column(String(20), default="not_mailed")
    #: One of MAIL_KINDS: what the queued or last mail was.
    mail_kind: Mapped[str] = mapped_column(String(20), default="")
    #: Why the last mail failed (the relay's answer, never the address).
    mail_error: Mapped[str] = mapped_column(String(300), default="")
    #: When the first invitation was sent.
    invited_at: Mapped[datetime | None]
    #: When the last mail (invitation or reminder) was sent.
    last_mailed_at: Mapped[datetime | None]
    reminder_count: Mapped[int] = mapped_column(default=0)
    #: When the person asked for no more mail about this survey (None: not opted out).
    opted_out_at: Mapped[datetime | None]
    #: The last mail's file in instance/outbox/ when no mail server is configured.
    outbox_file: Mapped[str] = mapped_column(String(200), default="")

    respondent: Mapped[Respondent] = relationship(back_populates="contact")

    @property
    def mail_state(self) -> str:
        """Return what staff see: opted_out, or the mail status."""
        return "opted_out" if self.opted_out_at is not None else self.mail_status


class Answer(db.Model):
    """One respondent's answer to one question; ``value`` is text, an option value, a list or a number."""

    __tablename__ = "survey_answers"
    __table_args__ = (UniqueConstraint("respondent_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[object] = mapped_column(JSON)
    #: The staff member who typed or imported it; None when the respondent answered.
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Time of the last change; the day only for anonymous rounds.
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    respondent: Mapped[Respondent] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()
    entered_by = relationship("User")


TRANSCRIPT_ROLES = ("interviewer", "respondent")
#: question: the interviewer asks a guide question; context: the interviewer within a question (follow-up,
#: back-channel); answer: the respondent answers a question; off_guide: the respondent speaks off the guide.
TRANSCRIPT_PLACEMENTS = ("question", "context", "answer", "off_guide")


class Transcript(db.Model):
    """An interview transcript as a document of turns, belonging to one respondent (nothing of it is lost).

    Answer turns also fill the respondent's answers (one paragraph per turn, in order), so the
    analysis reads them like any other answer and a passage's offset leads back to its turn.
    """

    __tablename__ = "survey_transcripts"

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               unique=True)
    #: The uploaded file's name (pseudonymised uploads keep only the ending).
    filename: Mapped[str] = mapped_column(String(255), default="")
    #: docx, text, webvtt, srt or headings.
    source_format: Mapped[str] = mapped_column(String(20), default="text")
    #: The encoding a text file was read in ("" for .docx), as confirmed in the preview.
    encoding: Mapped[str] = mapped_column(String(20), default="")
    #: Everything before the first turn (header lines: date, duration, who was present), one line each.
    metadata_lines: Mapped[list] = mapped_column(JSON, default=list)
    #: The header lines before pseudonymisation, only where the project keeps originals (None otherwise).
    original_metadata_lines: Mapped[list | None] = mapped_column(JSON)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    respondent: Mapped[Respondent] = relationship(back_populates="transcript")
    turns: Mapped[list[TranscriptTurn]] = relationship(
        back_populates="transcript", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TranscriptTurn.position")


class TranscriptTurn(db.Model):
    """One speaker's turn: who, when (milliseconds from the start), what, and where it sits in the guide."""

    __tablename__ = "survey_transcript_turns"
    __table_args__ = (
        UniqueConstraint("transcript_id", "position"),
        CheckConstraint("role IN ('interviewer', 'respondent')", name="role_known"),
        CheckConstraint("placement IN ('question', 'context', 'answer', 'off_guide')", name="placement_known"),
        CheckConstraint("role = 'respondent' OR placement IN ('question', 'context')", name="interviewer_no_answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    transcript_id: Mapped[int] = mapped_column(ForeignKey("survey_transcripts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    #: The label as written ("I", "B", "Frau K."; "" when the file had none).
    speaker: Mapped[str] = mapped_column(String(80), default="")
    #: interviewer or respondent (TRANSCRIPT_ROLES).
    role: Mapped[str] = mapped_column(String(20))
    #: Milliseconds from the start of the recording (None when the transcript has no timestamps).
    at_ms: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text)
    #: The wording before pseudonymisation, only where the project keeps originals and a term was replaced.
    original_text: Mapped[str | None] = mapped_column(Text)
    #: One of TRANSCRIPT_PLACEMENTS.
    placement: Mapped[str] = mapped_column(String(20))
    #: The guide question the turn belongs to (None off the guide).
    question_id: Mapped[int | None] = mapped_column(ForeignKey("survey_questions.id", ondelete="SET NULL"),
                                                    index=True)
    #: How sure the proposed match was (0–1; None when a person placed the turn or nothing was matched).
    confidence: Mapped[float | None] = mapped_column(Float)

    transcript: Mapped[Transcript] = relationship(back_populates="turns")
    question: Mapped[Question | None] = relationship()

    @property
    def timestamp(self) -> str:
        """Return the time as ``hh:mm:ss`` ("" when unknown)."""
        if self.at_ms is None:
            return ""
        seconds = self.at_ms // 1000
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class ConsentText(db.Model):
    """A consent text exactly as shown to someone: version, language of the text, and the wording itself.

    Kept once per distinct wording, so a consent record proves what was agreed to even after the
    survey's texts (or their translations) change, or when German was shown for want of a translation.
    """

    __tablename__ = "survey_consent_texts"
    __table_args__ = (UniqueConstraint("survey_id", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    #: The survey's consent_version when this text was shown.
    version: Mapped[int]
    #: Language of the consent text shown (German when it was not translated into the chosen language).
    language: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text, default="")
    #: The Art. 9 checkbox wording shown ("" when the survey did not ask about migration history).
    special_body: Mapped[str] = mapped_column(Text, default="")
    #: Language of the Art. 9 wording shown.
    special_language: Mapped[str] = mapped_column(String(16), default="de")
    #: SHA-256 of version, languages and both wordings.
    digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsentRecord(db.Model):
    """Consent given: when, to which text version, in which language, through which channel (once per version)."""

    __tablename__ = "survey_consents"
    __table_args__ = (CheckConstraint("channel IN ('online', 'interviewer')", name="channel_known"),
                      UniqueConstraint("respondent_id", "text_version"))

    id: Mapped[int] = mapped_column(primary_key=True)
    respondent_id: Mapped[int] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"),
                                               index=True)
    #: When consent was given (the day only for anonymous rounds).
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    text_version: Mapped[int] = mapped_column(default=1)
    #: The language the person chose (the consent text itself may have been shown in German: see ``text``).
    language: Mapped[str] = mapped_column(String(16), default="de")
    #: The wording shown, as it was (None for consent recorded before wordings were kept).
    consent_text_id: Mapped[int | None] = mapped_column(
        ForeignKey("survey_consent_texts.id", ondelete="SET NULL"), index=True)
    #: online (the respondent ticked it) or interviewer (recorded by staff).
    channel: Mapped[str] = mapped_column(String(20), default="online")
    #: Separate explicit consent to being asked about migration history (Art. 9 GDPR).
    covers_migration_history: Mapped[bool] = mapped_column(default=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    respondent: Mapped[Respondent] = relationship(back_populates="consents")
    text: Mapped[ConsentText | None] = relationship()


class RespondentDeletion(db.Model):
    """A deleted respondent, without personal data: keeps aggregate counts (the journal in ``app/privacy`` cleans backups)."""

    __tablename__ = "survey_respondent_deletions"
    __table_args__ = (Index("ix_survey_respondent_deletions_survey_group", "survey_id", "stakeholder_group_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"))
    #: The deleted row's id (no foreign key).
    respondent_id: Mapped[int]
    stakeholder_group_id: Mapped[int | None] = mapped_column(
        ForeignKey("stakeholder_groups.id", ondelete="SET NULL"))
    #: Status the respondent had reached (counts as invited/started/completed in aggregates).
    status: Mapped[str] = mapped_column(String(20))
    #: Day of deletion only.
    deleted_on: Mapped[date] = mapped_column(default=lambda: utcnow().date())


class InterviewAssignment(db.Model):
    """An interviewer's share of the interviews: one respondent, or every respondent of a stakeholder group."""

    __tablename__ = "interview_assignments"
    __table_args__ = (
        CheckConstraint("(respondent_id IS NULL) <> (stakeholder_group_id IS NULL)", name="respondent_or_group"),
        UniqueConstraint("user_id", "respondent_id"),
        UniqueConstraint("user_id", "stakeholder_group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    #: The interviewer.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    respondent_id: Mapped[int | None] = mapped_column(ForeignKey("survey_respondents.id", ondelete="CASCADE"))
    #: Every respondent of this group, in every survey of the project.
    stakeholder_group_id: Mapped[int | None] = mapped_column(ForeignKey("stakeholder_groups.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
