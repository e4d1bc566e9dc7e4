"""Konzeptwerk's Word builder: shaped data in, a council-ready .docx out (no Flask, no database).

Modules by concern: ``data`` (dataclasses, German formats), ``styles`` (language, hyphenation, heading
numbering), ``fields`` (captions, TOC, page numbers), ``tables`` and ``measures`` (widths that fit),
``layout`` (template, sections, properties) and ``builder`` (the documents).
"""
from app.concept.word.builder import build_concept_docx, build_monitoring_docx
from app.concept.word.data import (ORIENTATIONS, ConceptDocument, DocChart, DocEvidence, DocGoal, DocIndicator,
                                   DocMeasure, DocQuote, DocSection, DocTable, MonitoringDocument, ReportFieldRow,
                                   german_date, german_money, german_number)
from app.concept.word.measures import MEASURE_COLUMNS, PLANNED_CAPTION, RUNNING_CAPTION

__all__ = ["MEASURE_COLUMNS", "ORIENTATIONS", "PLANNED_CAPTION", "RUNNING_CAPTION", "ConceptDocument", "DocChart",
           "DocEvidence", "DocGoal", "DocIndicator", "DocMeasure", "DocQuote", "DocSection", "DocTable",
           "MonitoringDocument", "ReportFieldRow", "build_concept_docx", "build_monitoring_docx", "german_date",
           "german_money", "german_number"]
