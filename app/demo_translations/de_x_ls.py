"""The demo content in Leichte Sprache (order of ``SOURCES``): short sentences, no passive, hard words explained."""

TRANSLATIONS = [
    "Befragung im Internet: Zusammen leben in Monheim",
    (
        "Was ist gut in Monheim? Was soll anders werden? Sagen Sie es uns. Das dauert nur ein paar Minuten. Wir "
        "fragen nicht nach Ihrem Namen."
    ),
    (
        "Die Stadt liest meine Antworten. Die Stadt schreibt damit einen Plan für das Zusammen-Leben. Der Plan "
        "heißt: Integrations-Konzept. Meine Antworten bekommen eine Nummer. Die Stadt schreibt meinen Namen nicht "
        "dazu. Die Stadt zeigt nur Ergebnisse von vielen Menschen zusammen. Ich kann jederzeit sagen: Ich will "
        "nicht mehr mitmachen. Dann löscht die Stadt meine Antworten."
    ),
    "Ihre Meinung",
    "Alle Menschen in Monheim sollen gut zusammen leben. Was muss dafür anders werden?",
    "Was ist schon gut?",
    "Fühlen Sie sich wohl in Ihrem Stadt-Teil?",
    "gar nicht wohl",
    "sehr wohl",
    "jünger als 18",
    "65 oder älter",
    "Treffen zum Integrations-Konzept: Wir entscheiden",
    (
        "Heute entscheiden Sie mit: Welche Ziele kommen in den Plan für das Zusammen-Leben? Sie haben 5 Punkte. "
        "Ein Ziel bekommt höchstens 2 Punkte von Ihnen. Danach können Sie eigene Ideen aufschreiben."
    ),
    "Welche Ziele sind für Sie am wichtigsten?",
    "Ihre Ideen: Das kann die Stadt tun",
    (
        "Menschen aus verschiedenen Ländern treffen sich im Alltag. Alle sind gleich viel wert. Die Menschen reden "
        "miteinander."
    ),
    "Jedes Jahr gibt es in jedem Stadt-Teil Feste. Und Abende zum Reden.",
    "Kirchen und Moscheen reden regelmäßig miteinander.",
    "Cafés im Stadt-Teil: Dort können sich alle treffen. Dort helfen Sprach-Paten beim Deutsch-Lernen.",
    (
        "Viele Menschen helfen freiwillig. Auch Menschen aus anderen Ländern. Die Stadt unterstützt das. Die Stadt "
        "sagt Danke dafür."
    ),
    "Freiwillige Helfer lernen viel über andere Kulturen. Jemand begleitet sie regelmäßig.",
    "Mehr Menschen aus anderen Ländern machen in Vereinen mit.",
    "Eine Internet-Seite verbessern: Dort reden freiwillige Helfer und Mitarbeiter der Stadt miteinander.",
    "Vereine und Ämter sind offen für alle Menschen. Dort arbeiten Menschen aus vielen Ländern.",
    "Die Stadt-Verwaltung bildet mehr junge Menschen aus anderen Ländern aus.",
    "Die Stadt schreibt Infos in Leichter Sprache. Und in den Sprachen, die viele Menschen hier sprechen.",
    "Kurse für Vereins-Vorstände: So gehen wir gut mit verschiedenen Kulturen um.",
    "Alle Kinder haben die gleichen Chancen in Kita und Schule. Die Kinder lernen früh Deutsch.",
    (
        "Manche Kinder brauchen Hilfe beim Sprechen. Diese Kinder bekommen Hilfe in der Kita. Das passiert vor der "
        "Schule."
    ),
    "Eltern aus anderen Ländern finden leicht einen Platz in der Kita. Die Eltern reden in Kita und Schule mit.",
    "Manche Familien suchen eine Wohnung. Jemand hilft ihnen bei der Suche. Die Wohnung soll nicht zu teuer sein.",
    "Eltern-Cafés in Kitas und Schulen. Dort übersetzt jemand für die Eltern.",
    (
        "Menschen aus anderen Ländern finden eine passende Arbeit. Die Arbeit passt zu dem, was sie können und "
        "gelernt haben."
    ),
    (
        "Manche Menschen haben im Ausland einen Beruf gelernt. Die Stadt erkennt diesen Beruf schneller an. Eine "
        "Beratungs-Stelle hilft dabei."
    ),
    (
        "Deutsch-Kurse für den Beruf. Die Kurse sind in der Nähe von der Wohnung. Jemand passt in der Zeit auf die "
        "Kinder auf."
    ),
    (
        "Firmen helfen Geflüchteten. Geflüchtete sind Menschen, die aus ihrem Land fliehen mussten. Die Firmen "
        "bieten Praktika und Ausbildungen an."
    ),
    "Gut zusammen leben – gut miteinander reden",
    "Mehr Menschen helfen freiwillig",
    "Vereine und Gruppen sind offen für Menschen aus allen Ländern",
    "Lernen in Kita und Schule",
    "Arbeit finden",
    "Freiwillige Helfer",
    "Vereine, die Menschen helfen",
    "Integrations-Rat",
    "Jugend-Parlament",
    "Menschen, die aus anderen Ländern gekommen sind",
    "Moschee-Gemeinden",
    "Vereine von Menschen aus anderen Ländern",
    "Stadt-Verwaltung",
]
