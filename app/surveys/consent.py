"""The consent wording a person sees, in their language, and keeping it exactly as shown.

Consent has two parts: the survey's consent text (staff write it, per language) and the separate
Art. 9 GDPR consent to the migration-history question (the survey's own wording, else the standard
wording of the participant catalog). Each is shown in the chosen language where it exists, German
otherwise; ``keep_wording_shown`` stores that combination once, so a consent record names it.
"""
from __future__ import annotations

import hashlib

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.languages.catalog import _p
from app.languages.content import Localized
from app.languages.registry import language as find_language
from app.surveys.models import ConsentText, Survey


def standard_special_consent(language: str) -> Localized:
    """Return the standard Art. 9 consent wording in a participant language."""
    with force_locale(find_language(language).locale):
        text = _p("Ich bin einverstanden, dass ich nach einer Zuwanderungsgeschichte gefragt werde. Diese Angabe "
                  "ist freiwillig (besondere Kategorie personenbezogener Daten, Art. 9 DSGVO).")
    return Localized(text, language, language)


def consent_wording(survey: Survey, language: str) -> tuple[Localized, Localized]:
    """Return (consent text, Art. 9 wording) as shown in ``language``; the latter is blank when not asked."""
    body = survey.text_in("consent_text", language)
    if not survey.asks_migration_history:
        return body, Localized("", language, language)
    if survey.special_consent_text:
        return body, survey.text_in("special_consent_text", language)
    return body, standard_special_consent(language)


def keep_wording_shown(survey: Survey, language: str) -> ConsentText:
    """Return the kept consent wording as shown in ``language`` now, storing it the first time it is shown."""
    body, special = consent_wording(survey, language)
    digest = hashlib.sha256("\x1f".join([str(survey.consent_version), body.lang, str(body), special.lang,
                                          str(special)]).encode()).hexdigest()
    query = select(ConsentText).where(ConsentText.survey_id == survey.id, ConsentText.digest == digest)
    kept = db.session.scalar(query)
    if kept is not None:
        return kept
    try:
        # A savepoint: when another respondent stores the same wording at the same moment, use theirs.
        with db.session.begin_nested():
            kept = ConsentText(survey_id=survey.id, version=survey.consent_version, language=body.lang,
                               body=str(body), special_body=str(special), special_language=special.lang,
                               digest=digest)
            db.session.add(kept)
    except IntegrityError:
        kept = db.session.scalar(query)
    return kept
