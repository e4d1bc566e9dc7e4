"""In a real browser: participants in Arabic, Ukrainian and Turkish answer the survey and vote in the workshop.

Each reaches their language a different way (browser language, ``?lang=``, the chooser). On every page
the test checks ``lang``/``dir``, that no German or English interface text or untranslated German
content is left (the language chooser aside), that right-to-left pages are laid out right to left,
and axe-core. Screenshots of every step at phone and desktop width go to ``test-results/languages/``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from babel.support import Translations
from playwright.sync_api import expect

from app.languages.registry import CATALOG_DIR, find_language
from tests.browser_fixtures import assert_no_serious_axe_violations
from tests.languages.conftest import CONTENT, TRANSLATIONS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-results" / "languages"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")

#: How each participant reaches their language: the browser's Accept-Language, ?lang=, or the chooser.
ROUTES = {"uk": "browser", "ar": "parameter", "tr": "chooser"}


def _fragments(text: str) -> list[str]:
    """Return the fixed parts of a message that are long enough to be recognised on a page."""
    return [part.strip(" .,:;!?()„“”«»–-") for part in PLACEHOLDER.split(text)
            if len(part.strip(" .,:;!?()„“”«»–-")) >= 6]


def _foreign_texts() -> set[str]:
    """German and English interface texts (participant catalog) and the seeded German content."""
    found: set[str] = set()
    with open(CATALOG_DIR / "en/LC_MESSAGES/participant.po", "rb") as handle:
        for message in read_po(handle):
            if not message.id or message.context == "endonym":
                continue
            for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
                found.update(_fragments(text))
            for text in (message.string if isinstance(message.string, tuple) else (message.string,)):
                found.update(_fragments(text))
    for key, text in CONTENT.items():
        if key != "district":  # a place name, the same in Latin script
            found.update(_fragments(text))
    return found


FOREIGN = _foreign_texts()

PAGE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('.language-chooser').forEach(e => e.remove());
  const texts = [document.title, body.textContent];
  body.querySelectorAll('*').forEach(e => {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'data-less-label', 'data-more-label', 'data-template']) {
      if (e.hasAttribute(name)) texts.push(e.getAttribute(name));
    }
  });
  return texts.join('\\n');
}"""
OTHER_LANGUAGES = """(own) => Array.from(document.querySelectorAll('body [lang]'))
  .filter(e => !e.closest('.language-chooser') && e.getAttribute('lang') !== own)
  .map(e => e.outerHTML.slice(0, 120))"""


class Participant:
    """A phone in one language, checking every page it reaches."""

    def __init__(self, page, tag: str):
        self.page, self.tag, self.language = page, tag, find_language(tag)
        self.catalog = Translations.load(str(CATALOG_DIR), [self.language.locale], "participant")
        self.step = 0

    def t(self, msgid: str, **values) -> str:
        """Return a participant string as this participant must see it."""
        text = self.catalog.ugettext(msgid)
        return text % values if values else text

    def check(self, name: str, desktop: bool = False) -> None:
        """Check lang, dir, foreign text and axe on the current page; keep screenshots."""
        page = self.page
        expect(page.locator("html")).to_have_attribute("lang", self.language.html_lang)
        assert page.locator("html").get_attribute("dir") == self.language.direction
        text = page.evaluate(PAGE_TEXT)
        leaks = sorted(fragment for fragment in FOREIGN if fragment in text)
        assert not leaks, f"{self.tag} {name}: German or English text on the page: {leaks[:10]}"
        assert page.evaluate(OTHER_LANGUAGES, self.language.html_lang) == []
        assert_no_serious_axe_violations(page)
        self.step += 1
        folder = SCREENSHOTS / self.tag
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"{self.step:02d}-{name}-390.png"), full_page=True)
        if desktop:
            page.set_viewport_size(DESKTOP)
            page.screenshot(path=str(folder / f"{self.step:02d}-{name}-1280.png"), full_page=True)
            page.set_viewport_size(PHONE)

    def assert_right_to_left_layout(self) -> None:
        """On an RTL page, the consent box sits right of its label and headings start at the right."""
        if not self.language.is_rtl:
            return
        box = self.page.locator("#consent").bounding_box()
        label = self.page.locator("label[for=consent]").bounding_box()
        assert box["x"] > label["x"] + label["width"] - 1
        heading = self.page.locator("main h1").bounding_box()
        main = self.page.locator("main").bounding_box()
        assert heading["x"] + heading["width"] > main["x"] + main["width"] - 40


def _seed(live_server, seed):
    with live_server.app.app_context():
        return seed()


@pytest.mark.parametrize("tag", ["ar", "uk", "tr"])
def test_participant_answers_the_survey_and_votes_in_their_language(live_server, browser, seed_translated_project,
                                                                    tag):
    ids = _seed(live_server, seed_translated_project)
    own = TRANSLATIONS[tag]
    route = ROUTES[tag]
    context = browser.new_context(viewport=PHONE, locale="uk-UA" if route == "browser" else "de-DE")
    page = context.new_page()
    person = Participant(page, tag)
    start = f"{live_server.url}/s/p/{ids['public_code']}"
    page.goto(start + ("?lang=ar" if route == "parameter" else ""))
    if route == "chooser":
        page.locator(".language-chooser summary").click()
        page.locator(".language-chooser-link", has_text=find_language(tag).endonym).click()
        page.wait_for_url(re.compile(rf"lang={tag}$"))

    # Welcome and consent: title, introduction, consent text and the Art. 9 wording in the language.
    expect(page.get_by_role("heading", level=1)).to_have_text(own["survey_title"])
    expect(page.locator(".surveys-consent-text")).to_have_text(own["consent"])
    person.check("welcome", desktop=True)
    person.assert_right_to_left_layout()
    page.get_by_label(person.t("Ich habe den Text gelesen und bin mit der Teilnahme einverstanden.")).check()
    page.locator("#migration_consent").check()
    page.get_by_role("button", name=person.t("Befragung beginnen")).click()

    # Page 1: a required free-text question (left empty first), a single choice.
    expect(page.get_by_text(person.catalog.ungettext("Schritt %(current)s von %(num)s", "Schritt %(current)s von %(num)s",
                                                     4) % {"current": 1, "num": 4})).to_be_visible()
    page.get_by_role("button", name=person.t("Weiter"), exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text(person.t("Bitte beantworten Sie diese Frage."))
    person.check("page-1-error")
    page.get_by_label(own["free_text"]).fill({"ar": "دورات لغة مساءً", "uk": "Більше мовних курсів",
                                              "tr": "Akşam dil kursları"}[tag])
    page.get_by_label(own["mail"]).check()
    person.check("page-1")
    page.get_by_role("button", name=person.t("Weiter"), exact=True).click()

    # Page 2: a scale and a ranking.
    page.get_by_label("3", exact=True).check()
    # The reorder list speaks the language: moving "work" up announces its new place.
    page.get_by_role("button", name=person.t("Nach oben: %(item)s", item=own["work"])).click()
    expect(page.locator(".ranking-enhanced [aria-live]")).to_have_text(
        person.t("%(item)s ist jetzt auf Platz %(place)s von %(num)s.", item=own["work"], place=1, num=2))
    person.check("page-2")
    page.get_by_role("button", name=person.t("Weiter"), exact=True).click()

    # About you: migration history (consented), district, age band with a translated label.
    page.get_by_label(person.t("Ja"), exact=True).check()
    page.get_by_label(person.t("Wie alt sind Sie?")).select_option(label=own["band_old"])
    person.check("about")
    page.get_by_role("button", name=person.t("Weiter"), exact=True).click()

    # Review: the ranking as a numbered list in rank order, from top to bottom.
    expect(page.get_by_role("heading", name=person.t("Ihre Antworten prüfen"))).to_be_visible()
    ranked = page.locator("ol.surveys-ranking li")
    expect(ranked).to_have_text([own["work"], own["language"]])
    first, second = ranked.nth(0).bounding_box(), ranked.nth(1).bounding_box()
    assert first["y"] < second["y"]
    person.check("review", desktop=True)
    page.get_by_role("button", name=person.t("Antworten abschicken")).click()
    expect(page.get_by_role("heading", name=person.t("Vielen Dank!"))).to_be_visible()
    person.check("thanks")

    # Workshop: the same phone joins with the code, picks its group, distributes dots.
    page.goto(f"{live_server.url}/w/")
    person.check("workshop-code")
    page.get_by_label(person.t("Teilnahme-Code")).fill(ids["join_code"].lower())
    page.get_by_role("button", name=person.t("Weiter")).click()
    expect(page.locator(".workshops-instructions")).to_have_text(own["instructions"])
    person.check("workshop-join")
    group = {"ar": "مجلس الاندماج", "uk": "Рада з питань інтеграції", "tr": "Uyum meclisi"}[tag]
    page.get_by_label(person.t("Ihre Akteursgruppe (freiwillig)")).select_option(label=group)
    page.get_by_role("button", name=person.t("Teilnehmen")).click()
    expect(page.get_by_role("heading", level=2)).to_have_text(own["round"])
    more = page.get_by_role("button", name=person.t("Einen Punkt mehr für: %(title)s", title=own["goal_one"]))
    more.click()
    more.click()
    page.get_by_role("button", name=person.t("Einen Punkt mehr für: %(title)s", title=own["goal_two"])).click()
    remaining = person.catalog.ungettext("Noch %(remaining)s von %(num)s Punkt übrig",
                                         "Noch %(remaining)s von %(num)s Punkten übrig", 5)
    expect(page.locator(".workshops-remaining")).to_have_text(remaining % {"remaining": 2, "num": 5})
    person.check("ballot", desktop=True)
    page.get_by_role("button", name=person.t("Stimme abgeben")).click()
    expect(page.locator(".flash-messages")).to_contain_text(
        person.t("Ihre Stimme ist gespeichert. Sie können sie ändern, bis die Runde geschlossen wird."))
    person.check("voted")
    context.close()

    with live_server.app.app_context():
        from app.extensions import db
        from app.surveys.models import Respondent
        from app.workshops.models import BallotEntry
        from app.workshops.models import Participant as WorkshopParticipant

        (respondent,) = db.session.query(Respondent).all()
        assert (respondent.status, respondent.language, respondent.migration_history) == ("completed", tag, "yes")
        assert respondent.consents[0].language == tag and respondent.consents[0].text.language == tag
        (joined,) = db.session.query(WorkshopParticipant).all()
        assert joined.language == tag
        assert sorted(entry.value for entry in db.session.query(BallotEntry)) == [1, 2]


def test_staff_translate_content_and_the_projector_shows_join_instructions_in_several_languages(
        live_server, page, seed_translated_project):
    from tests.browser_fixtures import browser_login
    from tests.conftest import TEST_PASSWORD

    ids = _seed(live_server, seed_translated_project)
    with live_server.app.app_context():
        from app.auth import services as auth_services

        from app.extensions import db
        from app.projects import members
        from app.projects.models import Project

        auth_services.create_user("lead@example.org", TEST_PASSWORD, ["project_lead"])
        members.add_member(db.session.get(Project, ids["project_id"]), "lead@example.org", ["lead", "facilitator"])
    browser_login(page, live_server.url, "lead@example.org", TEST_PASSWORD)

    page.goto(f"{live_server.url}/languages/projects/{ids['project_id']}/")
    expect(page.get_by_role("heading", name="Übersetzungen", level=1)).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_role("link", name="Polski", exact=True).click()
    title = page.get_by_label("Titel").first
    expect(title).to_have_attribute("lang", "pl")
    title.fill("Wspólne życie w dzielnicy")
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Übersetzungen speichern").click()
    expect(page.locator(".flash-messages")).to_contain_text("1 Übersetzung gespeichert.")

    page.goto(f"{live_server.url}/workshops/projects/{ids['project_id']}/{ids['workshop_id']}/present?join=1")
    instructions = page.locator(".workshops-join-texts li")
    expect(instructions).to_have_count(4)
    arabic = page.locator(".workshops-join-texts li[lang=ar]")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_contain_text("شارك عبر هاتفك")
    expect(page.locator(".workshops-join-texts li[lang=uk]")).to_contain_text("Беріть участь із телефона")
    assert_no_serious_axe_violations(page)
