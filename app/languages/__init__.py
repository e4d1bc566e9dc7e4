"""Languages: which participant languages exist, their gettext domain, the language of each request,
and the content staff translate (titles, questions, consent …) with its exchange files.

Participant languages are read from the catalogs present under ``app/translations``: adding a
folder with a ``participant.po`` (``pybabel init``) adds a language without touching code.
"""
