"""The few interface strings of the respondent pages, per survey language (not the gettext catalog).

German ("de") is complete; other languages fall back to English, then German, key by key.
"""
from __future__ import annotations

from app.surveys.models import LANGUAGES, RTL_LANGUAGES

_DE = {
    "choose_language": "Sprache wählen",
    "continue": "Weiter",
    "back": "Zurück",
    "save_later": "Speichern und später weitermachen",
    "saved": "Ihre Antworten wurden gespeichert.",
    "saved_later": "Ihre Antworten sind gespeichert. Mit demselben Link können Sie später weitermachen.",
    "consent_title": "Einwilligung",
    "consent_agree": "Ich habe den Text gelesen und bin mit der Teilnahme einverstanden.",
    "consent_required": "Bitte stimmen Sie der Teilnahme zu, um fortzufahren.",
    "migration_consent": "Ich bin einverstanden, dass ich nach einer Zuwanderungsgeschichte gefragt werde. "
                         "Diese Angabe ist freiwillig (besondere Kategorie personenbezogener Daten, Art. 9 DSGVO).",
    "migration_question": "Haben Sie oder Ihre Eltern eine Zuwanderungsgeschichte?",
    "migration_yes": "Ja",
    "migration_no": "Nein",
    "migration_not_stated": "Keine Angabe",
    "district_question": "In welchem Stadtteil wohnen Sie?",
    "age_question": "Wie alt sind Sie?",
    "not_stated": "Keine Angabe",
    "about_you": "Angaben zu Ihrer Person (freiwillig)",
    "anonymous_round": "Dies ist eine anonyme Befragung: Wir speichern weder Ihren Namen noch Ihre IP-Adresse, "
                       "sondern nur den Tag Ihrer Antwort.",
    "personal_round": "Dies ist eine persönliche Einladung. Ihre Antworten werden unter einem Kürzel gespeichert, "
                      "nicht unter Ihrem Namen.",
    "start": "Befragung beginnen",
    "progress": "Schritt {current} von {total}",
    "required": "Pflichtfrage",
    "optional": "freiwillig",
    "review_title": "Ihre Antworten prüfen",
    "review_intro": "Bitte prüfen Sie Ihre Antworten. Sie können jeden Abschnitt noch ändern.",
    "change": "Ändern",
    "no_answer": "Keine Antwort",
    "submit": "Antworten abschicken",
    "thanks_title": "Vielen Dank!",
    "thanks_text": "Ihre Antworten sind angekommen.",
    "error_summary": "Bitte korrigieren Sie die folgenden Angaben:",
    "error_required": "Bitte beantworten Sie diese Frage.",
    "error_choice": "Bitte wählen Sie eine der angebotenen Antworten.",
    "error_scale": "Bitte wählen Sie einen Wert von {min} bis {max}.",
    "error_ranking": "Bitte vergeben Sie jeden Rang nur einmal.",
    "error_too_long": "Die Antwort ist zu lang (höchstens {max} Zeichen).",
    "error_type": "Diese Antwort hat nicht das erwartete Format.",
    "error_unknown_question": "Diese Frage gehört nicht zur Befragung.",
    "error_missing": "Es fehlen Antworten auf Pflichtfragen.",
    "error_consent": "Bitte stimmen Sie zuerst der Teilnahme zu.",
    "error_closed": "Diese Befragung ist derzeit nicht geöffnet.",
    "error_submitted": "Diese Antworten wurden bereits abgeschickt.",
    "error_invalid_link": "Dieser Link ist ungültig oder abgelaufen.",
    "invalid_title": "Link ungültig oder abgelaufen",
    "invalid_text": "Dieser Link ist ungültig oder abgelaufen. Wenn Sie teilnehmen möchten, wenden Sie sich bitte "
                    "an das Team, das Sie eingeladen hat.",
    "submitted_title": "Bereits abgeschickt",
    "submitted_text": "Die Antworten zu diesem Link wurden bereits abgeschickt. Vielen Dank für Ihre Teilnahme!",
    "closed_title": "Befragung geschlossen",
    "closed_text": "Diese Befragung nimmt zurzeit keine Antworten an.",
    "rank_label": "Rang für „{option}“",
    "rank_none": "ohne Rang",
    "scale_hint": "{min} = {min_label}, {max} = {max_label}",
    "language": "Sprache",
}

_LS = {
    **_DE,
    "consent_agree": "Ich habe den Text gelesen. Ich mache mit.",
    "consent_required": "Bitte kreuzen Sie an: Ich mache mit.",
    "migration_consent": "Sie dürfen mich fragen: Bin ich oder sind meine Eltern nach Deutschland gekommen? "
                         "Ich muss nicht antworten.",
    "migration_question": "Sind Sie oder Ihre Eltern nach Deutschland gekommen?",
    "anonymous_round": "Wir fragen nicht nach Ihrem Namen. Wir speichern nur den Tag. Niemand weiß, wer Sie sind.",
    "personal_round": "Das ist Ihr eigener Link. Wir speichern Ihre Antworten mit einer Nummer. Nicht mit Ihrem Namen.",
    "review_intro": "Bitte lesen Sie Ihre Antworten noch einmal. Sie können alles ändern.",
    "thanks_text": "Wir haben Ihre Antworten bekommen.",
    "error_required": "Bitte antworten Sie hier.",
    "invalid_text": "Der Link geht nicht. Vielleicht ist er zu alt. Bitte fragen Sie die Person, die Ihnen den Link gegeben hat.",
}

_EN = {
    "choose_language": "Choose language",
    "continue": "Continue",
    "back": "Back",
    "save_later": "Save and continue later",
    "saved": "Your answers have been saved.",
    "saved_later": "Your answers are saved. Use the same link to continue later.",
    "consent_title": "Consent",
    "consent_agree": "I have read the text and agree to take part.",
    "consent_required": "Please agree to take part in order to continue.",
    "migration_consent": "I agree to be asked about a migration history. Answering is voluntary "
                         "(special category of personal data, Art. 9 GDPR).",
    "migration_question": "Do you or your parents have a migration history?",
    "migration_yes": "Yes",
    "migration_no": "No",
    "migration_not_stated": "Prefer not to say",
    "district_question": "Which district do you live in?",
    "age_question": "How old are you?",
    "not_stated": "Prefer not to say",
    "about_you": "About you (voluntary)",
    "anonymous_round": "This is an anonymous survey: we store neither your name nor your IP address, "
                       "only the day of your answer.",
    "personal_round": "This is a personal invitation. Your answers are stored under a code, not under your name.",
    "start": "Start the survey",
    "progress": "Step {current} of {total}",
    "required": "required",
    "optional": "optional",
    "review_title": "Check your answers",
    "review_intro": "Please check your answers. You can still change every section.",
    "change": "Change",
    "no_answer": "No answer",
    "submit": "Send answers",
    "thanks_title": "Thank you!",
    "thanks_text": "Your answers have arrived.",
    "error_summary": "Please correct the following:",
    "error_required": "Please answer this question.",
    "error_choice": "Please choose one of the answers offered.",
    "error_scale": "Please choose a value from {min} to {max}.",
    "error_ranking": "Please give each rank only once.",
    "error_too_long": "The answer is too long (at most {max} characters).",
    "error_type": "This answer does not have the expected format.",
    "error_unknown_question": "This question does not belong to the survey.",
    "error_missing": "Answers to required questions are missing.",
    "error_consent": "Please agree to take part first.",
    "error_closed": "This survey is not open at the moment.",
    "error_submitted": "These answers have already been sent.",
    "error_invalid_link": "This link is invalid or has expired.",
    "invalid_title": "Link invalid or expired",
    "invalid_text": "This link is invalid or has expired. If you would like to take part, please contact the team "
                    "who invited you.",
    "submitted_title": "Already sent",
    "submitted_text": "The answers for this link have already been sent. Thank you for taking part!",
    "closed_title": "Survey closed",
    "closed_text": "This survey is not accepting answers at the moment.",
    "rank_label": "Rank for “{option}”",
    "rank_none": "no rank",
    "scale_hint": "{min} = {min_label}, {max} = {max_label}",
    "language": "Language",
}

_AR = {
    "choose_language": "اختر اللغة",
    "continue": "متابعة",
    "back": "رجوع",
    "save_later": "حفظ والمتابعة لاحقًا",
    "saved": "تم حفظ إجاباتك.",
    "saved_later": "تم حفظ إجاباتك. استخدم الرابط نفسه للمتابعة لاحقًا.",
    "consent_title": "الموافقة",
    "consent_agree": "قرأت النص وأوافق على المشاركة.",
    "consent_required": "يرجى الموافقة على المشاركة للمتابعة.",
    "migration_consent": "أوافق على أن أُسأل عن تاريخ الهجرة. الإجابة طوعية (فئة خاصة من البيانات الشخصية، المادة 9 من اللائحة العامة لحماية البيانات).",
    "migration_question": "هل لديك أو لدى والديك تاريخ هجرة؟",
    "migration_yes": "نعم",
    "migration_no": "لا",
    "migration_not_stated": "أفضّل عدم الإجابة",
    "district_question": "في أي حي تسكن؟",
    "age_question": "كم عمرك؟",
    "not_stated": "أفضّل عدم الإجابة",
    "about_you": "معلومات عنك (اختياري)",
    "anonymous_round": "هذا استطلاع مجهول الهوية: لا نحفظ اسمك ولا عنوان IP الخاص بك، بل يوم إجابتك فقط.",
    "personal_round": "هذه دعوة شخصية. تُحفظ إجاباتك تحت رمز وليس تحت اسمك.",
    "start": "ابدأ الاستطلاع",
    "progress": "الخطوة {current} من {total}",
    "required": "سؤال إلزامي",
    "optional": "اختياري",
    "review_title": "راجع إجاباتك",
    "review_intro": "يرجى مراجعة إجاباتك. لا يزال بإمكانك تغيير كل قسم.",
    "change": "تغيير",
    "no_answer": "لا توجد إجابة",
    "submit": "إرسال الإجابات",
    "thanks_title": "شكرًا جزيلًا!",
    "thanks_text": "وصلت إجاباتك.",
    "error_summary": "يرجى تصحيح ما يلي:",
    "error_required": "يرجى الإجابة عن هذا السؤال.",
    "error_choice": "يرجى اختيار إحدى الإجابات المعروضة.",
    "error_scale": "يرجى اختيار قيمة من {min} إلى {max}.",
    "error_ranking": "يرجى إعطاء كل مرتبة مرة واحدة فقط.",
    "error_too_long": "الإجابة طويلة جدًا (بحد أقصى {max} حرفًا).",
    "error_type": "هذه الإجابة ليست بالصيغة المتوقعة.",
    "error_missing": "هناك إجابات ناقصة على أسئلة إلزامية.",
    "error_consent": "يرجى الموافقة على المشاركة أولًا.",
    "error_closed": "هذا الاستطلاع غير مفتوح حاليًا.",
    "error_submitted": "تم إرسال هذه الإجابات من قبل.",
    "error_invalid_link": "هذا الرابط غير صالح أو منتهي الصلاحية.",
    "invalid_title": "الرابط غير صالح أو منتهي الصلاحية",
    "invalid_text": "هذا الرابط غير صالح أو منتهي الصلاحية. إذا كنت ترغب في المشاركة، يرجى التواصل مع الفريق الذي دعاك.",
    "submitted_title": "تم الإرسال من قبل",
    "submitted_text": "تم إرسال الإجابات الخاصة بهذا الرابط من قبل. شكرًا لمشاركتك!",
    "rank_label": "المرتبة لـ «{option}»",
    "rank_none": "بدون مرتبة",
    "language": "اللغة",
}

_FA = {
    "choose_language": "انتخاب زبان",
    "continue": "ادامه",
    "back": "بازگشت",
    "save_later": "ذخیره و ادامه در زمانی دیگر",
    "consent_title": "رضایت",
    "consent_agree": "متن را خواندم و با شرکت موافقم.",
    "consent_required": "لطفاً برای ادامه با شرکت موافقت کنید.",
    "migration_question": "آیا شما یا والدینتان سابقه مهاجرت دارید؟",
    "migration_yes": "بله",
    "migration_no": "خیر",
    "migration_not_stated": "ترجیح می‌دهم نگویم",
    "not_stated": "ترجیح می‌دهم نگویم",
    "start": "شروع نظرسنجی",
    "progress": "مرحله {current} از {total}",
    "required": "سؤال اجباری",
    "optional": "اختیاری",
    "review_title": "پاسخ‌های خود را بررسی کنید",
    "submit": "ارسال پاسخ‌ها",
    "thanks_title": "بسیار سپاسگزاریم!",
    "thanks_text": "پاسخ‌های شما دریافت شد.",
    "error_summary": "لطفاً موارد زیر را اصلاح کنید:",
    "error_required": "لطفاً به این سؤال پاسخ دهید.",
    "error_invalid_link": "این پیوند نامعتبر است یا منقضی شده است.",
    "invalid_title": "پیوند نامعتبر یا منقضی شده",
    "language": "زبان",
}

_TR = {
    "choose_language": "Dil seçin",
    "continue": "Devam",
    "back": "Geri",
    "save_later": "Kaydet ve daha sonra devam et",
    "consent_title": "Onay",
    "consent_agree": "Metni okudum ve katılmayı kabul ediyorum.",
    "consent_required": "Devam etmek için lütfen katılımı onaylayın.",
    "migration_question": "Sizin veya anne babanızın göç geçmişi var mı?",
    "migration_yes": "Evet",
    "migration_no": "Hayır",
    "migration_not_stated": "Belirtmek istemiyorum",
    "not_stated": "Belirtmek istemiyorum",
    "start": "Ankete başla",
    "progress": "Adım {current} / {total}",
    "required": "zorunlu",
    "optional": "isteğe bağlı",
    "review_title": "Cevaplarınızı kontrol edin",
    "submit": "Cevapları gönder",
    "thanks_title": "Çok teşekkürler!",
    "thanks_text": "Cevaplarınız bize ulaştı.",
    "error_summary": "Lütfen aşağıdakileri düzeltin:",
    "error_required": "Lütfen bu soruyu cevaplayın.",
    "error_invalid_link": "Bu bağlantı geçersiz veya süresi dolmuş.",
    "invalid_title": "Bağlantı geçersiz veya süresi dolmuş",
    "language": "Dil",
}

_RU = {
    "choose_language": "Выберите язык",
    "continue": "Далее",
    "back": "Назад",
    "save_later": "Сохранить и продолжить позже",
    "consent_title": "Согласие",
    "consent_agree": "Я прочитал(а) текст и согласен(на) участвовать.",
    "migration_question": "Есть ли у вас или ваших родителей миграционная история?",
    "migration_yes": "Да",
    "migration_no": "Нет",
    "migration_not_stated": "Не хочу отвечать",
    "not_stated": "Не хочу отвечать",
    "start": "Начать опрос",
    "progress": "Шаг {current} из {total}",
    "submit": "Отправить ответы",
    "thanks_title": "Большое спасибо!",
    "error_required": "Пожалуйста, ответьте на этот вопрос.",
    "invalid_title": "Ссылка недействительна или устарела",
    "language": "Язык",
}

_UK = {
    "choose_language": "Оберіть мову",
    "continue": "Далі",
    "back": "Назад",
    "save_later": "Зберегти й продовжити пізніше",
    "consent_title": "Згода",
    "consent_agree": "Я прочитав(-ла) текст і погоджуюся взяти участь.",
    "migration_question": "Чи маєте ви або ваші батьки історію міграції?",
    "migration_yes": "Так",
    "migration_no": "Ні",
    "migration_not_stated": "Не бажаю відповідати",
    "not_stated": "Не бажаю відповідати",
    "start": "Почати опитування",
    "progress": "Крок {current} з {total}",
    "submit": "Надіслати відповіді",
    "thanks_title": "Щиро дякуємо!",
    "error_required": "Будь ласка, дайте відповідь на це питання.",
    "invalid_title": "Посилання недійсне або застаріле",
    "language": "Мова",
}

PARTICIPANT_TEXTS = {"de": _DE, "de-x-ls": _LS, "en": _EN, "ar": _AR, "fa": _FA, "tr": _TR, "ru": _RU, "uk": _UK}


def participant_text(language: str, key: str, **values) -> str:
    """Return a respondent-page string in a language (falling back to English, then German)."""
    for code in (language, "en", "de"):
        table = PARTICIPANT_TEXTS.get(code)
        if table and key in table:
            text = table[key]
            return text.format(**values) if values else text
    return key


def interface_locale(language: str) -> str:
    """Return the Babel locale for a survey language (Leichte Sprache is German)."""
    return "de" if language.startswith("de") else language


def language_name(code: str) -> str:
    """Return a language's own name."""
    return LANGUAGES.get(code, code)


def is_rtl(language: str) -> bool:
    """Return whether a survey language is written right to left."""
    return language in RTL_LANGUAGES
