"""Read interview transcripts as they come back from typists and tools into speaker turns.

Formats: .docx and .txt with speaker markers (``I:``, ``B:``, ``Interviewer/in:``, ``Befragte/r:``,
names or initials) and f4/f5transkript or easytranscript timestamps (``#00:01:22-1#``,
``[00:01:22]``); WebVTT and SRT from transcription tools (``<v Name>`` or ``Name:`` labels);
and the heading style (questions as headings or bold lines, answers below). Text files are
decoded as UTF-8, UTF-16 (with or without byte order mark) or Windows-1252; the encoding found is
reported so staff can confirm it in the preview. Everything before the first turn is the
interview's metadata (date, duration, who was present), never an answer.

Pure functions: bytes in, :class:`ParsedTranscript` out; no Flask request or database.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field

from flask_babel import gettext as _

from app.archives import check_archive
from app.errors import ValidationError

INTERVIEWER = "interviewer"
RESPONDENT = "respondent"
#: Encodings a text transcript may be read in (the preview offers them to correct a wrong guess).
ENCODINGS = ("utf-8", "utf-16", "cp1252")
#: File endings accepted for transcripts.
EXTENSIONS = (".docx", ".txt", ".vtt", ".srt")
#: Largest transcript accepted (a 90-minute interview is well under 1 MB of text).
MAX_TEXT_CHARS = 2_000_000
#: Most turns read from one transcript.
MAX_TURNS = 5000

#: Speaker labels that mean the interviewer unless the import names others (compared case-insensitively).
DEFAULT_INTERVIEWER_MARKERS = ("I", "I1", "I2", "Int", "IV", "Interviewer", "Interviewerin", "Interviewer/in",
                               "Interviewer*in", "Interviewer:in", "InterviewerIn", "Interviewende", "Interviewender",
                               "Moderation", "Moderator", "Moderatorin", "Frage", "F")
#: Speaker labels that mean the respondent unless the import names others.
DEFAULT_RESPONDENT_MARKERS = ("B", "B1", "B2", "B3", "Befragte", "Befragter", "Befragte/r", "Befragte*r",
                              "Befragte:r", "IP", "TN", "Teilnehmer", "Teilnehmerin", "Interviewpartner",
                              "Interviewpartnerin", "Interviewte", "Interviewter", "Antwort", "A", "R")

# Timestamps: f4/f5 "#00:01:22-1#", easytranscript "[00:01:22]", also "(00:01:22)" and "00:01:22".
_TIME = r"(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[-.,](\d{1,3}))?"
_STAMP = re.compile(r"#" + _TIME + r"#|\[" + _TIME + r"\]|\(" + _TIME + r"\)")
_BARE_TIME = r"(\d{1,2}):(\d{2}):(\d{2})(?:[-.,](\d{1,3}))?"
_LEADING_STAMP = re.compile(r"^\s*(?:" + _STAMP.pattern + r"|" + _BARE_TIME + r"(?=\s))\s*")
_TRAILING_STAMP = re.compile(r"\s*(?:" + _STAMP.pattern + r")\s*$")
# A speaker label: up to four words or initials, then a colon ("I:", "Frau K.:", "Befragte/r:", "AK:").
_SPEAKER = re.compile(r"^((?:[A-ZÄÖÜ][\w./*()'-]*|[a-zäöü]{1,3}\.?)(?:[ ][\w./*()'-]+){0,3}?)\s*:\s*(.*)$", re.S)
# A cue time line of WebVTT ("00:00:01.000 --> 00:00:04.000") or SRT ("00:00:01,000 --> …").
_CUE_TIME = re.compile(r"^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})")
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", re.S)
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")
_BRACKET_SPEAKER = re.compile(r"^\[([^\]]{1,40})\]\s*:?\s*(.+)$", re.S)


@dataclass
class Turn:
    """One speaker's contribution: who, when (milliseconds from the start, if known), what."""

    speaker: str
    role: str
    text: str
    at_ms: int | None = None
    #: For the heading style: the heading named the question (code, number or exact text).
    heading: bool = False

    @property
    def timestamp(self) -> str:
        """Return the time as ``hh:mm:ss`` ("" when unknown)."""
        return format_timestamp(self.at_ms)


@dataclass
class ParsedTranscript:
    """The turns of a transcript, the metadata lines before the first turn, and how the file was read."""

    turns: list[Turn]
    metadata: list[str] = field(default_factory=list)
    #: docx, text, webvtt, srt or headings.
    source_format: str = "text"
    #: The encoding a text file was decoded with ("" for .docx).
    encoding: str = ""

    @property
    def speakers(self) -> dict[str, str]:
        """Return each speaker label with its role, in order of appearance."""
        return {t.speaker: t.role for t in self.turns}


def format_timestamp(at_ms: int | None) -> str:
    """Return milliseconds as ``hh:mm:ss`` ("" for None)."""
    if at_ms is None:
        return ""
    seconds = at_ms // 1000
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _milliseconds(groups: tuple) -> int | None:
    """Return milliseconds from (hours, minutes, seconds, fraction) regex groups."""
    hours, minutes, seconds, fraction = groups
    if minutes is None:
        return None
    value = (int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) * 1000
    if fraction:
        value += int(fraction.ljust(3, "0")[:3]) if len(fraction) > 1 else int(fraction) * 100
    return value


def _stamp_ms(match: re.Match) -> int | None:
    groups = match.groups()
    for start in range(0, len(groups), 4):
        value = _milliseconds(groups[start:start + 4])
        if value is not None:
            return value
    return None


def _cue_ms(text: str) -> int:
    parts = re.split(r"[:.,]", text)
    *clock, fraction = parts
    clock = [int(p) for p in clock]
    while len(clock) < 3:
        clock.insert(0, 0)
    return (clock[0] * 3600 + clock[1] * 60 + clock[2]) * 1000 + int(fraction.ljust(3, "0")[:3])


# --- decoding ------------------------------------------------------------------------------------------------

def decode_text(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a text upload; return (text, encoding used). Detects UTF-16 and Windows-1252 unless told."""
    if not data:
        raise ValidationError(_("Die Datei ist leer. Es wurde nichts gespeichert."), "file")
    if encoding and encoding not in ENCODINGS:
        raise ValidationError(_("Unbekannte Zeichenkodierung."), "encoding")
    chosen = encoding or _guess_encoding(data)
    try:
        if chosen == "utf-16":
            if data.startswith((b"\xff\xfe", b"\xfe\xff")):
                text = data.decode("utf-16")
            else:  # no byte order mark: the zero bytes sit after the letters (LE) or before them (BE)
                little = data[1::2].count(0) >= data[0::2].count(0)
                text = data.decode("utf-16-le" if little else "utf-16-be")
        elif chosen == "utf-8":
            text = data.decode("utf-8-sig")
        else:
            text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Die Datei lässt sich nicht als %(encoding)s lesen. Bitte wählen Sie eine andere "
                                "Zeichenkodierung.", encoding=encoding_label(chosen)), "encoding") from error
    if "\x00" in text or sum(1 for c in text[:5000] if ord(c) < 32 and c not in "\r\n\t\f") > 5:
        raise ValidationError(_("Die Datei ist keine Textdatei. Erwartet wird ein Transkript als .docx, .txt, "
                                ".vtt oder .srt."), "file")
    return text.lstrip("\ufeff"), chosen


def _guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        return "utf-16"
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def encoding_label(encoding: str) -> str:
    """Return a readable name of an encoding."""
    return {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252"}.get(encoding, encoding)


# --- reading -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SpeakerMarkers:
    """Which speaker labels mean the interviewer and which the respondent (configurable per import)."""

    interviewer: tuple[str, ...] = DEFAULT_INTERVIEWER_MARKERS
    respondent: tuple[str, ...] = DEFAULT_RESPONDENT_MARKERS

    @classmethod
    def from_text(cls, interviewer: str = "", respondent: str = "") -> SpeakerMarkers:
        """Build markers from comma-separated labels typed by staff; blank keeps the defaults."""
        def split(value: str) -> tuple[str, ...]:
            return tuple(p.strip().rstrip(":").strip() for p in (value or "").split(",") if p.strip())

        return cls(split(interviewer) or DEFAULT_INTERVIEWER_MARKERS, split(respondent) or DEFAULT_RESPONDENT_MARKERS)

    def role_of(self, label: str) -> str | None:
        """Return the role a label names, or None when it is not one of the markers."""
        key = _label_key(label)
        if key in {_label_key(m) for m in self.interviewer}:
            return INTERVIEWER
        if key in {_label_key(m) for m in self.respondent}:
            return RESPONDENT
        return None


def _label_key(label: str) -> str:
    return re.sub(r"\s+", " ", label.strip().rstrip(":").strip()).casefold()


def read_transcript_file(filename: str, data: bytes, *, encoding: str | None = None,
                         markers: SpeakerMarkers | None = None) -> ParsedTranscript:
    """Read an uploaded transcript by its ending (.docx, .txt, .vtt, .srt) or refuse it with a clear message."""
    markers = markers or SpeakerMarkers()
    name = (filename or "").lower()
    if not name.endswith(EXTENSIONS):
        raise ValidationError(_("Bitte laden Sie ein Transkript als Word-Dokument (.docx), Textdatei (.txt) oder "
                                "Untertitel (.vtt, .srt) hoch."), "file")
    if not data:
        raise ValidationError(_("Die Datei ist leer. Es wurde nichts gespeichert."), "file")
    if name.endswith(".docx"):
        paragraphs = _docx_paragraphs(data)
        parsed = parse_lines([text for text, _heading in paragraphs], markers)
        if len(parsed.turns) < 2 and any(heading for _text, heading in paragraphs):
            parsed = _heading_transcript(paragraphs)
        else:
            parsed.source_format = "docx"
    else:
        text, used = decode_text(data, encoding)
        if len(text) > MAX_TEXT_CHARS:
            raise ValidationError(_("Das Transkript ist zu lang (mehr als %(max)s Zeichen).",
                                    max=f"{MAX_TEXT_CHARS:,}".replace(",", ".")), "file")
        stripped = text.lstrip()
        if name.endswith(".vtt") or stripped.startswith("WEBVTT"):
            parsed = parse_cues(text, markers, source_format="webvtt")
        elif name.endswith(".srt") or _looks_like_srt(stripped):
            parsed = parse_cues(text, markers, source_format="srt")
        else:
            parsed = parse_lines(text.splitlines(), markers)
        parsed.encoding = used
    if not parsed.turns:
        raise ValidationError(_("Im Transkript wurden keine Sprecherwechsel gefunden. Erwartet werden Zeilen wie "
                                "„I: …“ und „B: …“ (oder die Kürzel, die Sie beim Hochladen angeben), Untertitel "
                                "(.vtt, .srt) oder Fragen als Überschriften. Es wurde nichts gespeichert."), "file")
    if len(parsed.turns) > MAX_TURNS:
        raise ValidationError(_("Das Transkript hat zu viele Sprecherwechsel (mehr als %(max)s).", max=MAX_TURNS),
                              "file")
    return parsed


def _docx_paragraphs(data: bytes) -> list[tuple[str, bool]]:
    """Return (text, is heading) per non-empty paragraph line of a .docx (checked against archive bombs first)."""
    import docx

    check_archive(data, field="file", not_an_archive=_("Die Datei ist kein Word-Dokument (.docx)."))
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for foreign zip files
        raise ValidationError(_("Das Word-Dokument konnte nicht gelesen werden. Bitte als .docx speichern."),
                              "file") from error
    paragraphs: list[tuple[str, bool]] = []
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
        is_bold = bool(paragraph.runs) and all(run.bold for run in paragraph.runs if run.text.strip())
        heading = style.startswith(("heading", "überschrift", "title")) or is_bold
        for line in text.splitlines():
            if line.strip():
                paragraphs.append((line.strip(), heading))
    return paragraphs


def _heading_transcript(paragraphs: list[tuple[str, bool]]) -> ParsedTranscript:
    """Read the heading style: each heading is the guide question asked, the paragraphs below the answer."""
    parsed = ParsedTranscript(turns=[], source_format="headings")
    for text, heading in paragraphs:
        if heading:
            parsed.turns.append(Turn(speaker="", role=INTERVIEWER, text=text, heading=True))
        elif parsed.turns:
            parsed.turns.append(Turn(speaker="", role=RESPONDENT, text=text))
        else:
            parsed.metadata.append(text)
    return parsed


def _split_line(line: str) -> tuple[int | None, str | None, str, int | None]:
    """Split a line into (leading time, speaker label or None, text, trailing time)."""
    leading = trailing = None
    match = _LEADING_STAMP.match(line)
    if match:
        leading = _stamp_ms(match)
        line = line[match.end():]
    match = _TRAILING_STAMP.search(line)
    if match and match.start() > 0:
        trailing = _stamp_ms(match)
        line = line[:match.start()]
    line = line.strip()
    speaker = None
    bracket = _BRACKET_SPEAKER.match(line)
    found = _SPEAKER.match(line)
    if found and len(found.group(1)) <= 40 and not re.fullmatch(r"\d+", found.group(1)):
        speaker, line = found.group(1).strip(), found.group(2).strip()
    elif bracket:
        speaker, line = bracket.group(1).strip(), bracket.group(2).strip()
    if leading is None:  # "I: #00:01:22-1# text": the stamp after the label
        match = _LEADING_STAMP.match(line)
        if match:
            leading = _stamp_ms(match)
            line = line[match.end():].strip()
    return leading, speaker, line, trailing


def parse_lines(lines: list[str], markers: SpeakerMarkers) -> ParsedTranscript:
    """Read paragraphs of a .txt or .docx transcript with speaker markers and optional timestamps."""
    split = [_split_line(line) for line in lines if line.strip()]
    labels = Counter(_label_key(speaker) for _l, speaker, _t, _tr in split if speaker)
    # A label is a speaker when it is a known marker or comes back (a one-off "Datum: …" is metadata).
    speakers = {key for key, count in labels.items()
                if count >= 2 or markers.role_of(key) is not None}
    parsed = ParsedTranscript(turns=[])
    previous_end: int | None = None
    pending_time: int | None = None
    for (leading, speaker, text, trailing), raw in zip(split, [line for line in lines if line.strip()]):
        if speaker and _label_key(speaker) in speakers:
            at = leading if leading is not None else pending_time if pending_time is not None else previous_end
            parsed.turns.append(Turn(speaker=speaker, role="", text=text, at_ms=at))
            pending_time = None
        elif parsed.turns:
            if not text and leading is not None:  # a time on a line of its own starts the next turn
                pending_time = leading
            elif text:
                parsed.turns[-1].text = (parsed.turns[-1].text + "\n" + text).strip()
        else:
            parsed.metadata.append(raw.strip())
        if parsed.turns and trailing is not None:
            previous_end = trailing
            if parsed.turns[-1].at_ms is None and len(parsed.turns) == 1:
                parsed.turns[-1].at_ms = 0
    parsed.turns = [t for t in parsed.turns if t.text]
    _assign_roles(parsed.turns, markers)
    return parsed


def _looks_like_srt(text: str) -> bool:
    head = text.splitlines()[:3]
    return len(head) >= 2 and head[0].strip().isdigit() and bool(_CUE_TIME.match(head[1]))


def parse_cues(text: str, markers: SpeakerMarkers, *, source_format: str) -> ParsedTranscript:
    """Read WebVTT or SRT cues into turns; consecutive cues of one speaker form one turn."""
    parsed = ParsedTranscript(turns=[], source_format=source_format)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    current_speaker = ""
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        index = next((i for i, line in enumerate(lines) if _CUE_TIME.match(line)), None)
        if index is None:
            first = lines[0].strip() if lines else ""
            if first and not first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) and not parsed.turns:
                parsed.metadata.extend(line.strip() for line in lines)
            elif first.startswith("WEBVTT") and len(lines) > 1:
                parsed.metadata.extend(line.strip() for line in lines[1:] if ":" in line)
            continue
        at = _cue_ms(_CUE_TIME.match(lines[index]).group(1))
        for number, line in enumerate(lines[index + 1:]):
            line = line.strip()
            speaker = None
            voice = _VOICE.match(line)
            if voice:
                speaker, line = voice.group(1).strip(), voice.group(2)
            line = _TAGS.sub("", line).strip()
            if speaker is None:
                bracket = _BRACKET_SPEAKER.match(line)
                found = _SPEAKER.match(line)
                if found and len(found.group(1)) <= 40:
                    speaker, line = found.group(1).strip(), found.group(2).strip()
                elif bracket:
                    speaker, line = bracket.group(1).strip(), bracket.group(2).strip()
                elif line.startswith("- "):  # a dash starts another speaker's line in subtitles
                    speaker, line = "?", line[2:].strip()
                elif number == 0 and (not parsed.turns or current_speaker == "?"):
                    speaker = "?"  # a cue without any label: who speaks is decided from the text
            if not line:
                continue
            if speaker is not None and (speaker != current_speaker or speaker == "?" or not parsed.turns):
                current_speaker = speaker
                parsed.turns.append(Turn(speaker=speaker, role="", text=line, at_ms=at))
            elif parsed.turns:
                parsed.turns[-1].text += (" " if parsed.turns[-1].speaker == current_speaker else "\n") + line
            else:
                parsed.turns.append(Turn(speaker="", role="", text=line, at_ms=at))
    _assign_roles(parsed.turns, markers)
    merged: list[Turn] = []
    for turn in parsed.turns:  # unlabelled cues of one role in a row are one turn
        if merged and not turn.speaker and not merged[-1].speaker and merged[-1].role == turn.role:
            merged[-1].text += " " + turn.text
        else:
            merged.append(turn)
    parsed.turns = merged
    return parsed


def _assign_roles(turns: list[Turn], markers: SpeakerMarkers) -> None:
    """Give each turn a role: markers decide; otherwise the speaker who asks most is the interviewer."""
    unknown: dict[str, list[Turn]] = {}
    for turn in turns:
        role = markers.role_of(turn.speaker) if turn.speaker not in ("", "?") else None
        if role:
            turn.role = role
        else:
            unknown.setdefault(turn.speaker, []).append(turn)
    if not unknown:
        return
    known_interviewer = any(t.role == INTERVIEWER for t in turns)
    if "?" in unknown:  # unlabelled cues: a question is the interviewer's, the rest the respondent's
        for turn in unknown.pop("?"):
            turn.speaker = ""
            turn.role = INTERVIEWER if turn.text.rstrip().endswith("?") else RESPONDENT
    asker = None
    if not known_interviewer and unknown:
        def question_share(items: list[Turn]) -> float:
            return sum(1 for t in items if t.text.rstrip().endswith("?")) / len(items)

        asker = max(unknown, key=lambda label: (question_share(unknown[label]), len(unknown[label])))
        if question_share(unknown[asker]) == 0:
            asker = None
    for label, items in unknown.items():
        for turn in items:
            turn.role = INTERVIEWER if label == asker else RESPONDENT
