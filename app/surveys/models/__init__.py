"""Surveys and interview studies: guides (sections, questions), respondents, answers, transcripts, consent.

One module per aggregate. Importing the package maps every survey table, so the rest of the app
imports the models from here.
"""
from app.surveys.models.consent import CONSENT_CHANNELS, ConsentRecord, ConsentText
from app.surveys.models.respondents import (MAIL_KINDS, MAIL_STATUSES, MIGRATION_HISTORY_VALUES, RESPONDENT_CHANNELS,
                                            RESPONDENT_STATUSES, Answer, InterviewAssignment, Respondent,
                                            RespondentContact, RespondentDeletion, coarse_day)
from app.surveys.models.surveys import (CHOICE_KINDS, QUESTION_KINDS, SURVEY_MODES, SURVEY_TRANSLATED_FIELDS,
                                        Question, Section, Survey)
from app.surveys.models.transcripts import TRANSCRIPT_PLACEMENTS, TRANSCRIPT_ROLES, Transcript, TranscriptTurn

__all__ = [
    "CHOICE_KINDS", "CONSENT_CHANNELS", "MAIL_KINDS", "MAIL_STATUSES", "MIGRATION_HISTORY_VALUES", "QUESTION_KINDS",
    "RESPONDENT_CHANNELS", "RESPONDENT_STATUSES", "SURVEY_MODES", "SURVEY_TRANSLATED_FIELDS", "TRANSCRIPT_PLACEMENTS",
    "TRANSCRIPT_ROLES", "Answer", "ConsentRecord", "ConsentText", "InterviewAssignment", "Question", "Respondent",
    "RespondentContact", "RespondentDeletion", "Section", "Survey", "Transcript", "TranscriptTurn", "coarse_day",
]
