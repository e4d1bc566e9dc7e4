"""How well interviewer turns find the guide question they paraphrase: words only vs words + meaning.

Uses the demo guide (Monheim) and the paraphrases the demo transcripts are made of, plus follow-ups,
thanks, and the same questions asked in English, Turkish and Arabic. Prints, per turn, the best guide
question and its score with words only (character n-grams) and with meaning (sentence vectors), and a
summary: paraphrases found, asides wrongly taken for a guide question (score >= MIN_SIMILARITY).

    .venv/bin/python bench/transcript_similarity.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.analysis.similarity import text_similarity  # noqa: E402
from app.surveys.demo_texts import INTERVIEW_FOLLOW_UPS, INTERVIEW_PARAPHRASES  # noqa: E402
from app.surveys.transcript_mapping import MIN_SIMILARITY, is_backchannel  # noqa: E402

GUIDE = {
    "together": "Wie erleben Sie das Zusammenleben von Menschen mit und ohne Zuwanderungsgeschichte in Monheim am Rhein?",
    "discrimination": "Wo erleben Sie oder andere Benachteiligung oder Diskriminierung – und was sollte dagegen getan "
                      "werden?",
    "volunteering": "Was motiviert Menschen, sich ehrenamtlich zu engagieren, und was hält sie davon ab?",
    "openness": "Wie offen sind Vereine, Verbände und Gemeinden für neue Mitglieder mit Zuwanderungsgeschichte?",
    "education": "Was brauchen Kinder, Jugendliche und Eltern, damit Bildung gelingt – von der Kita bis zum "
                 "Schulabschluss?",
    "work": "Welche Hürden gibt es beim Zugang zu Arbeit und Ausbildung, etwa bei der Anerkennung von Abschlüssen?",
    "first_step": "Was sollte die Stadt als Erstes umsetzen, wenn sie nur eine Maßnahme wählen könnte?",
}
OTHER_LANGUAGES = [
    ("together", "How do you experience living together with people with and without a migration background here?"),
    ("work", "Hangi engeller var işe ve mesleki eğitime erişimde, örneğin diplomaların tanınmasında?"),
    ("volunteering", "Why do people volunteer, and what keeps them from it?"),
    ("education", "Çocuklar ve aileler eğitimde başarılı olmak için neye ihtiyaç duyuyor?"),
    ("volunteering", "ما الذي يحفز الناس على التطوع؟"),
]
ASIDES = [t for t in INTERVIEW_FOLLOW_UPS if not is_backchannel(t)] + [
    "Können Sie das genauer erklären?", "Wie war das für Sie?", "Und was ist dann passiert?",
    "Haben Sie das dem Amt gesagt?",
    "Vielen Dank, dass Sie sich Zeit nehmen. Ich nehme das Gespräch auf, ist das in Ordnung?"]


def main() -> None:
    keys = list(GUIDE)
    cases = [(key, text, "de") for key, texts in INTERVIEW_PARAPHRASES.items() for text in texts]
    cases += [(key, text, "other") for key, text in OTHER_LANGUAGES] + [(None, text, "aside") for text in ASIDES]
    texts = [text for _key, text, _kind in cases]
    words = text_similarity(texts, list(GUIDE.values()), meaning=False)
    both = text_similarity(texts, list(GUIDE.values()))
    print("| turn | kind | words: best, score | words + meaning: best, score |")
    print("|---|---|---|---|")
    tally = {}
    for row, (key, text, kind) in enumerate(cases):
        for name, scores in (("words", words), ("both", both)):
            best = int(scores[row].argmax())
            matched = scores[row, best] >= MIN_SIMILARITY
            right = matched and keys[best] == key if key else not matched
            tally.setdefault((name, kind), []).append(right)
        print(f"| {text[:60]} | {kind} | {keys[int(words[row].argmax())]} {words[row].max():.2f} | "
              f"{keys[int(both[row].argmax())]} {both[row].max():.2f} |")
    print()
    print("| turns | count | right with words | right with words + meaning |")
    print("|---|---|---|---|")
    for kind, label in (("de", "German paraphrases"), ("other", "asked in English, Turkish, Arabic"),
                        ("aside", "follow-ups and thanks (right = no match)")):
        w, b = tally[("words", kind)], tally[("both", kind)]
        print(f"| {label} | {len(w)} | {sum(w)} | {sum(b)} |")


if __name__ == "__main__":
    main()
