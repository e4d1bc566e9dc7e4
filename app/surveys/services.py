"""Writes on surveys themselves: setup, settings, opening and closing. Owns the commit.

The guide is edited in ``guides``, respondents are kept in ``respondent_records`` and answers taken in
``submissions``.
"""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from app.errors import ValidationError
from app.extensions import db
from app.languages.registry import participant_tags
from app.projects.models import Project
from app.surveys.models import SURVEY_MODES, Section, Survey


def _check_survey_fields(title: str, mode: str, opens_on: date | None, closes_on: date | None,
                         languages: list[str]) -> list[str]:
    if not (title or "").strip():
        raise ValidationError(_("Bitte geben Sie einen Titel an."), "title")
    if mode not in SURVEY_MODES:
        raise ValidationError(_("Unbekannte Befragungsart."), "mode")
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError(_("Das Enddatum liegt vor dem Startdatum."), "closes_on")
    offered = participant_tags()
    languages = [code for code in dict.fromkeys(languages or []) if code in offered]
    if "de" in languages:
        languages.remove("de")
    return ["de", *languages]


def _clean_list(values) -> list[str]:
    if isinstance(values, str):
        values = values.splitlines()
    return [v.strip() for v in dict.fromkeys(values or []) if v and v.strip()]


def create_survey(project: Project, *, title: str, purpose: str = "", mode: str = "both",
                  opens_on: date | None = None, closes_on: date | None = None, consent_text: str = "",
                  special_consent_text: str = "", languages: list[str] | None = None,
                  asks_migration_history: bool = True, districts=None, age_bands=None, invitation_days: int = 60,
                  has_public_link: bool = False, translations: dict | None = None, is_draft: bool = False) -> Survey:
    """Create a survey with one empty section (as a draft when ``is_draft``: nobody answers before it opens)."""
    languages = _check_survey_fields(title, mode, opens_on, closes_on, languages or [])
    survey = Survey(project_id=project.id, title=title.strip(), purpose=purpose or "", mode=mode,
                    opens_on=opens_on, closes_on=closes_on, consent_text=consent_text or "",
                    special_consent_text=(special_consent_text or "").strip(), languages=languages,
                    translations=translations or {},
                    asks_migration_history=asks_migration_history, districts=_clean_list(districts),
                    age_bands=_clean_list(age_bands), invitation_days=max(1, int(invitation_days or 60)),
                    is_draft=is_draft)
    survey.sections.append(Section(position=0, title=_("Allgemein")))
    db.session.add(survey)
    if has_public_link:
        _open_public_link(survey)
    db.session.commit()
    return survey


def update_survey(survey: Survey, *, title: str, purpose: str, mode: str, opens_on: date | None,
                  closes_on: date | None, consent_text: str, languages: list[str], asks_migration_history: bool,
                  districts=None, age_bands=None, invitation_days: int = 60, has_public_link: bool = False,
                  special_consent_text: str | None = None) -> None:
    """Change a survey's settings; a changed consent text gets a new version number."""
    survey.languages = _check_survey_fields(title, mode, opens_on, closes_on, languages)
    special = survey.special_consent_text if special_consent_text is None else special_consent_text.strip()
    if ((consent_text or "").strip() != (survey.consent_text or "").strip()
            or special != (survey.special_consent_text or "").strip()):
        survey.consent_version += 1
    survey.special_consent_text = special
    survey.title = title.strip()
    survey.purpose = purpose or ""
    survey.mode = mode
    survey.opens_on, survey.closes_on = opens_on, closes_on
    survey.consent_text = consent_text or ""
    survey.asks_migration_history = asks_migration_history
    survey.districts = _clean_list(districts)
    survey.age_bands = _clean_list(age_bands)
    survey.invitation_days = max(1, int(invitation_days or 60))
    if has_public_link and not survey.public_code:
        _open_public_link(survey)
    elif not has_public_link:
        survey.public_code = None
    db.session.commit()


def _open_public_link(survey: Survey) -> None:
    from app.surveys.invitations import new_public_code

    survey.public_code = new_public_code()


def open_survey(survey: Survey) -> None:
    """Open a draft for respondents once it has questions, consent texts and a period."""
    survey.open()
    db.session.commit()


def close_survey(survey: Survey) -> None:
    """Stop accepting answers."""
    survey.close()
    db.session.commit()


def reopen_survey(survey: Survey) -> None:
    """Accept answers again."""
    survey.reopen()
    db.session.commit()
