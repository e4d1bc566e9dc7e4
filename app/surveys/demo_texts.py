"""Text material for the demo surveys, written for Konzeptwerk (fictional, in the voice of Monheim's interviews).

Interview answers are composed from a core statement and a detail per question; the open online round
combines sentences per theme, so the analysis has recurring themes to find.
"""
from __future__ import annotations

#: Free-text questions of the interview guide: key -> (core statements, details).
INTERVIEW_ANSWERS: dict[str, tuple[list[str], list[str]]] = {
    "together": ([
        "Im Alltag klappt das Zusammenleben in den meisten Nachbarschaften ruhig, aber man lebt oft eher nebeneinander als miteinander.",
        "Ich erlebe viel Offenheit, gerade auf Stadtteilfesten und auf dem Spielplatz kommen Familien leicht ins Gespräch.",
        "Im Berliner Viertel gibt es viele Kulturen auf engem Raum, und das funktioniert besser, als der Ruf des Viertels vermuten lässt.",
        "Zwischen den Alteingesessenen und den neu Zugezogenen gibt es noch zu wenig Berührungspunkte.",
        "Die Stimmung hat sich seit 2015 verändert: Die Hilfsbereitschaft war groß, inzwischen hört man aber auch mehr Vorbehalte.",
        "Wo Menschen sich über Kinder, Sport oder die Arbeit kennenlernen, spielt die Herkunft schnell keine Rolle mehr.",
        "Viele ältere Zugewanderte fühlen sich nach Jahrzehnten in Monheim zu Hause, ihre Enkel aber manchmal nicht ganz angenommen.",
        "Es gibt ein gutes Miteinander in Vereinen und Schulen, nur erreicht man damit nicht alle Familien.",
    ], [
        "Ein Begegnungscafé im Stadtteil, das regelmäßig geöffnet ist, würde da viel bewirken.",
        "Es fehlen Orte, an denen man sich ohne Anlass und ohne Konsumzwang treffen kann.",
        "Gemeinsame Feste der Moscheegemeinden und der Kirchengemeinden haben gezeigt, wie viel Interesse aneinander da ist.",
        "Wichtig wäre, dass die Stadt solche Begegnungen nicht nur einmal im Jahr organisiert, sondern dauerhaft unterstützt.",
        "Sprachbarrieren sind dabei oft das größte Hindernis, mehr als kulturelle Unterschiede.",
        "Man sollte die Nachbarschaftshilfe stärker sichtbar machen, denn vieles läuft schon im Stillen.",
    ]),
    "discrimination": ([
        "Bei der Wohnungssuche erleben Menschen mit ausländisch klingendem Namen immer wieder Absagen, ohne dass ein Grund genannt wird.",
        "Frauen mit Kopftuch berichten mir, dass sie bei Bewerbungen deutlich seltener eingeladen werden.",
        "In Ämtern fühlen sich manche nicht ernst genommen, weil sie die Behördensprache nicht verstehen.",
        "Jugendliche erzählen von Kontrollen und Sprüchen, die sie als abwertend erleben, vor allem abends am Busbahnhof.",
        "Diskriminierung ist selten offen, sie steckt eher in kleinen Bemerkungen und darin, wem man etwas zutraut.",
        "In der Schule werden Kinder aus Zuwandererfamilien zu schnell für die Hauptschule empfohlen, so empfinden es viele Eltern.",
        "Nach Anschlägen in anderen Ländern spüren die Mitglieder der Moscheegemeinden jedes Mal mehr Misstrauen.",
        "Ältere Menschen aus Osteuropa erleben, dass ihre Berufserfahrung hier plötzlich nichts mehr zählt.",
    ], [
        "Eine unabhängige Beratungsstelle, an die man sich vertraulich wenden kann, gibt es in Monheim bisher nicht.",
        "Die Verwaltung sollte ihre Mitarbeitenden interkulturell schulen und mehr Menschen mit Zuwanderungsgeschichte einstellen.",
        "Vermieter und Wohnungsgesellschaften müssten für das Thema sensibilisiert werden.",
        "Wichtig ist, dass Betroffene erfahren, dass sie sich wehren dürfen und wie das geht.",
        "Die Stadt könnte eine klare Haltung zeigen, etwa mit einer Kampagne gegen Rassismus im Alltag.",
        "Schulen brauchen Ansprechpersonen, denen Eltern solche Erfahrungen schildern können.",
    ]),
    "volunteering": ([
        "Die meisten Ehrenamtlichen wollen etwas Sinnvolles tun und Menschen direkt helfen, etwa als Sprachpaten.",
        "Viele Zugewanderte engagieren sich längst, aber eher in ihrer Gemeinde oder Familie als in klassischen Vereinen.",
        "Nach der großen Welle der Flüchtlingshilfe sind viele Helferinnen und Helfer erschöpft.",
        "Junge Leute machen gern mit, wenn es um konkrete Projekte geht und nicht um Vorstandsposten.",
        "Ehrenamt lebt davon, dass jemand fragt: Wer direkt angesprochen wird, macht viel eher mit.",
        "In den Moscheegemeinden gibt es viel Engagement, etwa Hausaufgabenhilfe und Besuchsdienste, das außerhalb kaum jemand kennt.",
        "Manche trauen sich nicht, weil sie glauben, ihr Deutsch sei nicht gut genug.",
        "Für Berufstätige sind feste wöchentliche Termine schwierig, flexible Einsätze wären besser.",
    ], [
        "Die Ehrenamtsbörse könnte Angebote in mehreren Sprachen bekannt machen.",
        "Es braucht hauptamtliche Begleitung, damit Ehrenamtliche nicht allein gelassen werden.",
        "Anerkennung ist wichtig, etwa ein Dankeschön-Abend oder eine Ehrenamtskarte mit kleinen Vorteilen.",
        "Austauschtreffen zwischen Ehren- und Hauptamtlichen helfen, Probleme früh zu besprechen.",
        "Fortbildungen zu interkulturellen Fragen würden vielen Helfern Sicherheit geben.",
        "Man sollte Menschen mit Zuwanderungsgeschichte gezielt als Multiplikatoren gewinnen.",
    ]),
    "openness": ([
        "Die Sportvereine sind am offensten, dort zählt auf dem Platz nur, ob man mitspielt.",
        "In manchen Vereinen ist der Vorstand seit Jahrzehnten derselbe, und neue Leute finden schwer Zugang.",
        "Viele Vereine würden gern neue Mitglieder gewinnen, wissen aber nicht, wie sie Zugewanderte ansprechen sollen.",
        "Die Kirchengemeinden und die Moscheegemeinden haben in den letzten Jahren einen guten Dialog aufgebaut.",
        "Migrantenorganisationen werden oft nur eingeladen, wenn es um Integration geht, nicht bei anderen Themen.",
        "Beitragskosten und Vereinskleidung sind für manche Familien eine echte Hürde.",
        "Es gibt Vorbehalte auf beiden Seiten, und man muss auf beiden Seiten Brücken bauen.",
        "Die Wohlfahrtsverbände haben sich schon stark geöffnet und beschäftigen mehrsprachige Fachkräfte.",
    ], [
        "Ein Netzwerk der Vereine mit einer Ansprechperson bei der Stadt wäre hilfreich.",
        "Mehrsprachige Flyer und persönliche Einladungen wirken besser als Aushänge.",
        "Man könnte Patenschaften zwischen alteingesessenen Vereinen und Migrantenorganisationen anregen.",
        "Zuschüsse für Mitgliedsbeiträge würden Kindern aus ärmeren Familien den Zugang erleichtern.",
        "Wichtig wäre, Menschen mit Zuwanderungsgeschichte auch in Vorstände zu holen.",
        "Gemeinsame Veranstaltungen verschiedener Vereine bauen Hemmschwellen ab.",
    ]),
    "education": ([
        "Entscheidend ist frühe Sprachförderung, am besten schon in der Kita und gemeinsam mit den Eltern.",
        "Es fehlen Kitaplätze, und gerade Familien, die neu ankommen, stehen auf langen Wartelisten.",
        "Viele Eltern kennen das deutsche Schulsystem nicht und wissen nicht, welche Wege es nach der Grundschule gibt.",
        "Sprachkurse für Mütter mit Kinderbetreuung sind ein Schlüssel, sonst können viele Frauen gar nicht teilnehmen.",
        "Die Offene Ganztagsschule leistet viel, ist aber personell am Limit.",
        "Jugendliche brauchen Vorbilder, die zeigen, dass man mit Zuwanderungsgeschichte Abitur und Studium schaffen kann.",
        "Hausaufgabenhilfe in den Gemeinden und Jugendzentren wird stark nachgefragt und sollte ausgebaut werden.",
        "Die Schulen brauchen mehr Schulsozialarbeit und Lehrkräfte, die mit Mehrsprachigkeit umgehen können.",
    ], [
        "Elterncafés an Schulen, in denen man in der eigenen Sprache Fragen stellen kann, haben sich bewährt.",
        "Die Integrationskurse sind oft ausgebucht, und die Wartezeit ist für viele zu lang.",
        "Mehrsprachigkeit sollte als Stärke gesehen werden und nicht als Problem.",
        "Wichtig ist eine gute Übergangsbegleitung von der Kita in die Schule und von der Schule in den Beruf.",
        "Kostenlose Angebote in den Ferien würden verhindern, dass Kinder Gelerntes wieder vergessen.",
        "Eltern müssten früher erfahren, welche Unterstützung es gibt, am besten über Menschen, denen sie vertrauen.",
    ]),
    "work": ([
        "Die Anerkennung ausländischer Abschlüsse dauert viel zu lange, Ärztinnen und Ingenieure arbeiten jahrelang als Hilfskräfte.",
        "Ohne gutes Deutsch auf Berufsniveau gibt es kaum eine Chance auf eine qualifizierte Stelle.",
        "Viele Geflüchtete wollen sofort arbeiten, aber Arbeitserlaubnis und Bürokratie bremsen sie aus.",
        "Kleine Betriebe würden gern ausbilden, scheuen aber den Aufwand mit Behörden und Sprachförderung.",
        "Junge Menschen mit Migrationsgeschichte brechen Ausbildungen ab, wenn in der Berufsschule niemand hilft.",
        "Für Frauen ist fehlende Kinderbetreuung oft das eigentliche Hindernis beim Berufseinstieg.",
        "Praktika und Probearbeit öffnen mehr Türen als jede Bewerbungsmappe.",
        "Selbstständige aus der Community bieten Arbeitsplätze, bekommen aber wenig Beratung zu Förderprogrammen.",
    ], [
        "Eine Lotsin oder ein Lotse, der durch Anerkennung, Jobcenter und Sprachkurse begleitet, würde viel helfen.",
        "Berufsbezogene Sprachkurse sollten auch abends und am Wochenende stattfinden.",
        "Die Stadtverwaltung könnte selbst Vorbild sein und mehr Auszubildende mit Zuwanderungsgeschichte einstellen.",
        "Ein Netzwerk mit örtlichen Unternehmen für Praktikumsplätze wäre ein guter Anfang.",
        "Mentoring durch Berufstätige aus derselben Community macht Mut.",
        "Informationen zur Anerkennung müssten in mehreren Sprachen und einfach erklärt vorliegen.",
    ]),
    "first_step": ([
        "Als Erstes sollte es einen festen Begegnungsort im Berliner Viertel geben.",
        "Ich wünsche mir eine zentrale Anlaufstelle, die in mehreren Sprachen berät.",
        "Am dringendsten sind mehr Kitaplätze und Sprachkurse mit Kinderbetreuung.",
        "Die Stadt sollte eine Beratungsstelle gegen Diskriminierung einrichten.",
        "Wichtig wäre ein Programm, das Zugewanderte in Ausbildung und Arbeit begleitet.",
        "Man sollte die Jugendlichen fragen und ein eigenes Budget für ihre Ideen bereitstellen.",
        "Ehrenamtliche brauchen eine verlässliche hauptamtliche Koordination.",
        "Bezahlbarer Wohnraum muss Priorität haben, sonst bleibt alles andere Stückwerk.",
    ], [
        "Das wäre ein sichtbares Zeichen, dass die Ergebnisse dieser Befragung ernst genommen werden.",
        "Die Moscheegemeinden und Migrantenorganisationen würden dabei gern mitarbeiten.",
        "Entscheidend ist, dass so etwas dauerhaft finanziert wird und nicht nach einem Jahr endet.",
        "Der Integrationsrat sollte bei der Umsetzung eng eingebunden werden.",
        "Man sollte nach zwei Jahren prüfen, was es gebracht hat.",
        "Dafür braucht es keine großen Summen, sondern verlässliche Ansprechpersonen.",
    ]),
}

#: One sentence per stakeholder group (by position) that flavours some answers.
GROUP_VOICES = [
    "Aus meiner Arbeit als ehrenamtliche Sprachpatin kenne ich das aus vielen Familien.",
    "In unserer Beratungsstelle hören wir das fast jede Woche.",
    "Im Integrationsrat sprechen wir dieses Thema immer wieder an.",
    "Im Jugendparlament haben wir darüber lange diskutiert.",
    "Ich habe das selbst so erlebt, als ich nach Monheim gezogen bin.",
    "In unserer Gemeinde erzählen uns die Mitglieder genau davon.",
    "Als Verein von und für Zugewanderte erleben wir das ständig.",
    "Aus Sicht der Verwaltung sehen wir, wie viele Stellen hier zusammenarbeiten müssten.",
]

#: Themes of the open online round: theme -> sentences residents might write.
ONLINE_THEMES: dict[str, list[str]] = {
    "language_courses": [
        "Es gibt zu wenige Deutschkurse, und die Wartelisten sind lang.",
        "Sprachkurse am Abend wären wichtig für alle, die tagsüber arbeiten.",
        "Ein Sprachcafé, in dem man einfach üben kann, würde mir sehr helfen.",
        "Meine Mutter würde gern Deutsch lernen, aber es gibt keinen Kurs mit Kinderbetreuung.",
        "Die Integrationskurse gehen zu schnell voran für Menschen, die nie zur Schule gegangen sind.",
        "Kostenlose Konversationskurse in der Bücherei wären eine gute Idee.",
        "Ohne Deutsch findet man sich bei Ämtern und Ärzten kaum zurecht.",
    ],
    "childcare": [
        "Wir warten seit über einem Jahr auf einen Kitaplatz.",
        "Mehr Kitaplätze würden vielen Müttern den Weg in den Beruf öffnen.",
        "Die Öffnungszeiten der Kitas passen nicht zu Schichtarbeit.",
        "Die Erzieherinnen in unserer Kita machen tolle Arbeit, aber es fehlt Personal.",
        "Eltern brauchen Informationen über die Kita-Anmeldung auch in anderen Sprachen.",
        "Eine Betreuung während der Sprachkurse wäre für Familien sehr hilfreich.",
    ],
    "jobs": [
        "Mein Abschluss aus Syrien wird hier nicht anerkannt, deshalb arbeite ich als Aushilfe.",
        "Die Anerkennung von Berufsabschlüssen dauert viel zu lange.",
        "Es sollte mehr Praktikumsplätze für Zugewanderte in örtlichen Betrieben geben.",
        "Viele finden keine Arbeit, weil Arbeitgeber bei fremden Namen zögern.",
        "Eine Beratung zur Jobsuche in mehreren Sprachen fehlt in Monheim.",
        "Ausbildungsbetriebe sollten mehr Unterstützung bei der Sprachförderung bekommen.",
        "Wer arbeitet, findet auch schneller Freunde und Kontakt zu Nachbarn.",
    ],
    "housing": [
        "Bezahlbare Wohnungen sind kaum zu finden, besonders für große Familien.",
        "Bei Wohnungsbesichtigungen bekomme ich oft Absagen, sobald man meinen Namen hört.",
        "Die Mieten steigen schneller als die Löhne.",
        "In unserem Haus leben viele Nationen zusammen, das klappt gut, aber die Wohnungen sind zu klein.",
        "Die Stadt sollte mehr sozialen Wohnungsbau fördern.",
        "Geflüchtete wohnen zu lange in Sammelunterkünften.",
    ],
    "discrimination": [
        "Ich wurde im Bus schon mehrmals wegen meines Kopftuchs beleidigt.",
        "Rassismus im Alltag wird oft nicht ernst genommen.",
        "Es braucht eine Stelle, an die man sich bei Diskriminierung wenden kann.",
        "Meine Kinder werden in der Schule wegen ihrer Herkunft gehänselt.",
        "Bei Behörden fühle ich mich manchmal wie ein Mensch zweiter Klasse.",
        "Man sollte offener über Vorurteile sprechen, auf allen Seiten.",
    ],
    "volunteering": [
        "Ich würde mich gern ehrenamtlich engagieren, weiß aber nicht, wo.",
        "Die Flüchtlingshilfe hat gezeigt, wie viele Menschen helfen wollen.",
        "Ehrenamtliche sollten mehr Anerkennung und Unterstützung bekommen.",
        "Als Sprachpatin habe ich viele tolle Menschen kennengelernt.",
        "Vereine sollten aktiver auf neue Mitglieder mit Migrationsgeschichte zugehen.",
        "Viele Zugewanderte helfen sich gegenseitig, das sollte sichtbarer werden.",
    ],
    "mosque_communities": [
        "Die Moscheegemeinden leisten viel Jugendarbeit, die kaum jemand wahrnimmt.",
        "Ein Tag der offenen Moschee baut Vorurteile ab.",
        "Die Moscheegemeinden sollten stärker in die Stadtgesellschaft eingebunden werden.",
        "Der Dialog zwischen Kirchen und Moscheen in Monheim ist ein gutes Beispiel.",
        "Ich wünsche mir, dass die Gemeinden gemeinsame Feste feiern.",
        "Die Gemeinden sind für viele Familien die erste Anlaufstelle bei Problemen.",
    ],
    "youth": [
        "Für Jugendliche gibt es abends zu wenige Treffpunkte.",
        "Das Jugendzentrum ist super, sollte aber länger geöffnet haben.",
        "Junge Leute brauchen mehr Unterstützung beim Übergang von der Schule in den Beruf.",
        "Sportangebote bringen Jugendliche aus allen Kulturen zusammen.",
        "Die Jugendlichen sollten bei Entscheidungen der Stadt mitreden dürfen.",
        "Viele Jugendliche fühlen sich weder hier noch im Herkunftsland der Eltern ganz zu Hause.",
        "Hausaufgabenhilfe und Nachhilfe sollten kostenlos sein.",
    ],
}

#: Sentences that open an online answer (who is writing), chosen now and then.
ONLINE_OPENERS = [
    "Ich lebe seit acht Jahren in Monheim.",
    "Ich bin vor drei Jahren mit meiner Familie hierhergekommen.",
    "Ich bin in Monheim geboren und aufgewachsen.",
    "Als Mutter von drei Kindern sehe ich das so:",
    "Als Rentner habe ich Zeit und beobachte viel.",
    "Ich studiere und wohne noch bei meinen Eltern im Berliner Viertel.",
    "Ich arbeite in der Pflege und habe oft Nachtschicht.",
    "Ehrlich gesagt:",
]

#: Sentences for "what already works well" in the online round.
ONLINE_GOOD = [
    "Die Stadtteilfeste sind schön und bringen Menschen zusammen.",
    "Die kostenlosen Kitas in Monheim sind eine große Hilfe.",
    "Die Mitarbeitenden im Bürgerbüro sind freundlich und geduldig.",
    "Das Sportangebot für Kinder ist sehr gut.",
    "Die Nachbarschaft hilft sich gegenseitig.",
    "Die Ehrenamtsbörse hat mir geholfen, ein Engagement zu finden.",
    "Der ÖPNV ist kostenlos, das hilft vielen Familien.",
    "Die Bücherei hat viele Bücher in verschiedenen Sprachen.",
]


#: How interviewers actually asked the guide's free-text questions (two wordings each): the demo's
#: transcripts paraphrase the guide, as real transcripts do.
INTERVIEW_PARAPHRASES = {
    "together": ["Wie erleben Sie denn das Miteinander von Alteingesessenen und Zugewanderten hier in Monheim?",
                 "Wie ist das Zusammenleben hier aus Ihrer Sicht, mit und ohne Zuwanderungsgeschichte?"],
    "discrimination": ["Erleben Sie selbst oder Menschen aus Ihrem Verein Benachteiligung?",
                       "Wo begegnet Ihnen Diskriminierung, und was müsste man dagegen tun?"],
    "volunteering": ["Was bringt Leute dazu, sich ehrenamtlich zu engagieren – und was hält sie eher davon ab?",
                     "Warum engagieren sich Menschen ehrenamtlich, oder eben nicht?"],
    "openness": ["Wie offen erleben Sie Vereine und Gemeinden für neue Mitglieder?",
                 "Sind die Vereine und Verbände hier offen für Neue mit Zuwanderungsgeschichte?"],
    "education": ["Was bräuchten Kinder und Eltern, damit es mit der Bildung klappt, von der Kita bis zur Schule?",
                  "Was brauchen Jugendliche und Eltern, damit Bildung gelingt?"],
    "work": ["Welche Hürden sehen Sie beim Zugang zu Arbeit, zum Beispiel bei der Anerkennung von Abschlüssen?",
             "Woran scheitert es beim Weg in Ausbildung und Arbeit?"],
    "first_step": ["Wenn die Stadt nur eine Maßnahme als Erstes umsetzen könnte, welche wäre das?",
                   "Und zum Schluss: Was sollte die Stadt als Erstes anpacken?"],
}
#: Follow-ups and back-channels of the interviewer that match no guide question.
INTERVIEW_FOLLOW_UPS = ["Mhm.", "Können Sie dafür ein Beispiel nennen?", "Okay.", "Verstehe."]
