"""Map the turns of an interview transcript onto the guide's free-text questions.

Each interviewer turn is compared with the guide questions using the analysis core's text
similarity (:func:`app.analysis.similarity.text_similarity`), so a paraphrased question ("Erleben
Sie selbst … Benachteiligung?") finds the guide question it stands for, in any order. The
respondent turns that follow, up to the next matched question, are the answer. A short
back-channel ("Mhm.") never ends an answer, and a follow-up question that matches no guide
question stays inside the current answer. Respondent turns before the first matched question
(or after a heading that names no guide question) are off-guide: kept as free passages.
Interviewer turns are context, never part of an answer.

Pure: guide questions as (id, text) and parsed turns in, a :class:`TranscriptMapping` out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.surveys.transcripts import INTERVIEWER, RESPONDENT, Turn

#: Placements of a turn: the interviewer asks a guide question, the interviewer speaks within the current
#: question (follow-up, back-channel), the respondent answers a question, the respondent speaks off the guide.
QUESTION, CONTEXT, ANSWER, OFF_GUIDE = "question", "context", "answer", "off_guide"
PLACEMENTS = (QUESTION, CONTEXT, ANSWER, OFF_GUIDE)
#: Lowest similarity at which an interviewer turn counts as asking a guide question (follow-ups such as
#: "Können Sie das genauer erklären?" stay near 0.1, paraphrases of a guide question reach 0.3 and more).
MIN_SIMILARITY = 0.2
#: Similarity that counts as a sure match (confidence 1.0); confidence is the similarity relative to it.
SURE_SIMILARITY = 0.5
#: Confidence below which the preview flags a match for a second look.
UNSURE_BELOW = 0.6
#: Fewer words than this never make a guide question (back-channels, "Und weiter?").
MIN_QUESTION_WORDS = 3
#: Off-guide turns with fewer words than this ("Gern.", "Ja, natürlich.") stay context; longer ones are analysed.
FREE_PASSAGE_MIN_WORDS = 4

_BACKCHANNEL = re.compile(
    r"^\W*(?:m+h*m+|h+m+|mm+|aha|ah ja|ach so|achso|ok(?:ay)?|genau|ja(?: ja)*|jo|gut|richtig|stimmt|verstehe|klar|"
    r"aha ja|ähm*|äh|hm ja|\(\w+\)|\[\w+\])\W*$", re.I)
_SOUNDS = re.compile(r"^\W*(?:m+h*m+|h+m+|mm+|ähm*|äh|\(\w+\)|\[\w+\])\W*$", re.I)


def is_free_passage(text: str) -> bool:
    """Return whether an off-guide respondent turn says enough to be analysed as a free passage."""
    return not is_backchannel(text) and len(re.findall(r"\w+", text or "")) >= FREE_PASSAGE_MIN_WORDS


def is_backchannel(text: str) -> bool:
    """Return whether a turn is only a back-channel ("Mhm.", "Ja, genau.", "(lacht)")."""
    words = re.sub(r"[,.;!?…]", " ", text or "").split()
    return not words or bool(_BACKCHANNEL.match(text.strip())) or (
        len(words) <= 2 and all(_BACKCHANNEL.match(w) for w in words))


@dataclass
class MappedTurn:
    """A turn with its place in the guide: question id (None off the guide), placement and confidence."""

    index: int
    turn: Turn
    question_id: int | None
    placement: str
    #: Similarity of an interviewer question to its guide question (answers carry their question's).
    confidence: float | None = None
    #: A person moved this turn in the preview.
    moved: bool = False

    @property
    def is_movable(self) -> bool:
        """Return whether staff may move the turn (respondent turns only: questions are context)."""
        return self.turn.role == RESPONDENT


@dataclass
class TranscriptMapping:
    """The proposed (or corrected) place of every turn."""

    turns: list[MappedTurn] = field(default_factory=list)

    def answers(self) -> dict[int, str]:
        """Return the answer text per question: its respondent turns in order, one paragraph each."""
        collected: dict[int, list[str]] = {}
        for item in self.turns:
            if item.placement == ANSWER and item.question_id is not None:
                collected.setdefault(item.question_id, []).append(item.turn.text)
        return {qid: "\n\n".join(texts) for qid, texts in collected.items()}

    def off_guide(self) -> list[MappedTurn]:
        """Return the respondent turns kept off the guide."""
        return [item for item in self.turns if item.placement == OFF_GUIDE]

    def free_passages(self) -> str:
        """Return the off-guide turns worth analysing, one paragraph each ("" when there are none).

        They become the interview's answer to the survey's off-guide question, so the analysis reads them as
        free passages of that interview; small talk ("Gern.") stays in the transcript only.
        """
        return "\n\n".join(item.turn.text for item in self.off_guide() if is_free_passage(item.turn.text))

    def confidence(self, question_id: int) -> float | None:
        """Return how sure the match of a question is (the best of its interviewer turns)."""
        values = [t.confidence for t in self.turns
                  if t.question_id == question_id and t.placement == QUESTION and t.confidence is not None]
        return max(values) if values else None

    @property
    def is_empty(self) -> bool:
        """Return whether no answer was found at all."""
        return not self.answers()

    def move(self, index: int, target: int | None) -> None:
        """Put a respondent turn under another question (None: off the guide)."""
        item = self.turns[index]
        if not item.is_movable:
            return
        item.question_id = target
        item.placement = ANSWER if target is not None else OFF_GUIDE
        item.confidence = None
        item.moved = True

    def apply(self, choices: dict[int, str], question_ids: set[int]) -> None:
        """Apply the preview's choices {turn index: "q:<id>" or "off"}; unknown values are ignored."""
        for index, choice in choices.items():
            if not 0 <= index < len(self.turns):
                continue
            current = self.turns[index]
            if choice == "off":
                if current.placement == ANSWER:
                    self.move(index, None)
            elif choice.startswith("q:") and choice[2:].isdigit() and int(choice[2:]) in question_ids:
                target = int(choice[2:])
                if current.question_id != target or current.placement != ANSWER:
                    self.move(index, target)


def _heading_question(heading: str, questions: list[tuple[int, str]]) -> int | None:
    """Match a heading of the heading style by code ("q12"), number ("3.", "Frage 3") or exact wording."""
    key = re.sub(r"\s+", " ", heading.strip().casefold())
    ids = [qid for qid, _text in questions]
    code = re.match(r"^q(\d+)\b", key)
    if code and int(code.group(1)) in ids:
        return int(code.group(1))
    by_text = {re.sub(r"\s+", " ", text.strip().casefold()).rstrip("?:. "): qid for qid, text in questions}
    stripped = re.sub(r"^(?:q\d+|f\d+|frage\s*\d+|\d+[.)])[:.\s-]*", "", key).rstrip("?:. ")
    if stripped in by_text:
        return by_text[stripped]
    if stripped:
        found = next((qid for text, qid in by_text.items() if text.startswith(stripped[:40])), None)
        if found is not None:
            return found
    number = re.match(r"^(?:f|frage\s*)?(\d+)[.):\s]", key + " ")
    if number and 0 < int(number.group(1)) <= len(questions):
        return questions[int(number.group(1)) - 1][0]
    return None


def map_turns(turns: list[Turn], questions: list[tuple[int, str]], *, language: str = "de",
              min_similarity: float = MIN_SIMILARITY) -> TranscriptMapping:
    """Propose the place of every turn in the guide (questions: free-text questions in guide order)."""
    from app.analysis.similarity import text_similarity

    mapping = TranscriptMapping()
    asked = [i for i, t in enumerate(turns) if t.role == INTERVIEWER and not is_backchannel(t.text)
             and (t.heading or len(t.text.split()) >= MIN_QUESTION_WORDS)]
    matches: dict[int, tuple[int, float]] = {}
    for i in asked:
        if turns[i].heading:
            found = _heading_question(turns[i].text, questions)
            if found is not None:
                matches[i] = (found, 1.0)
    to_compare = [i for i in asked if i not in matches]
    if to_compare and questions:
        scores = text_similarity([turns[i].text for i in to_compare], [text for _qid, text in questions],
                                 language=language)
        for row, i in enumerate(to_compare):
            best = int(scores[row].argmax())
            if scores[row, best] >= min_similarity:
                matches[i] = (questions[best][0], round(min(1.0, float(scores[row, best]) / SURE_SIMILARITY), 2))
    current: int | None = None
    current_confidence: float | None = None
    for index, turn in enumerate(turns):
        if turn.role == INTERVIEWER:
            if index in matches:
                current, current_confidence = matches[index]
                mapping.turns.append(MappedTurn(index, turn, current, QUESTION, current_confidence))
            else:
                if turn.heading:  # a heading that names no guide question: what follows is off the guide
                    current = current_confidence = None
                mapping.turns.append(MappedTurn(index, turn, current, CONTEXT))
        elif _SOUNDS.match(turn.text.strip() or "-"):
            mapping.turns.append(MappedTurn(index, turn, current, CONTEXT))
        elif current is None:
            mapping.turns.append(MappedTurn(index, turn, None, OFF_GUIDE))
        else:
            mapping.turns.append(MappedTurn(index, turn, current, ANSWER, current_confidence))
    return mapping
