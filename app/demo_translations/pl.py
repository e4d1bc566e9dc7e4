"""Polish translations of the demo content (order of ``SOURCES``)."""

TRANSLATIONS = [
    "Ankieta internetowa: wspólne życie w Monheim am Rhein",
    (
        "Prosimy powiedzieć nam w kilka minut, co w Monheim am Rhein dobrze działa, a co powinno się zmienić. "
        "Ankieta jest anonimowa."
    ),
    (
        "Zgadzam się na analizę moich odpowiedzi na potrzeby aktualizacji miejskiej koncepcji integracji. "
        "Odpowiedzi są zapisywane pod skrótem i publikowane wyłącznie w formie zbiorczej. Mogę w każdej chwili "
        "wycofać zgodę; wtedy moje odpowiedzi zostaną usunięte."
    ),
    "Państwa opinia",
    "Co powinno się zmienić, aby wszyscy w Monheim am Rhein mogli dobrze żyć razem?",
    "Co już dobrze działa?",
    "Jak dobrze czują się Państwo w swojej dzielnicy?",
    "wcale nie dobrze",
    "bardzo dobrze",
    "poniżej 18 lat",
    "65 lat i więcej",
    "Warsztaty dla decydentów na temat koncepcji integracji",
    (
        "Dziś współdecydują Państwo, które cele znajdą się w koncepcji integracji. Mają Państwo 5 punktów; jeden "
        "cel może otrzymać najwyżej 2 punkty. Następnie można zaproponować własne pomysły na działania."
    ),
    "Które cele są dla Państwa najważniejsze?",
    "Państwa pomysły na działania",
    "Ludzie różnego pochodzenia spotykają się na co dzień na równych prawach i rozmawiają ze sobą.",
    "Co roku w każdej dzielnicy odbywają się festyny integracyjne i wieczory dialogu.",
    "Dialog międzyreligijny między parafiami a gminami meczetowymi ma charakter stały.",
    "Kawiarnie dzielnicowe jako otwarte miejsca spotkań z opiekunami językowymi",
    "Zaangażowanie obywatelskie osób z historią migracji i na ich rzecz jest wzmacniane i doceniane.",
    "Wolontariusze przechodzą szkolenia międzykulturowe i otrzymują regularne wsparcie.",
    "Więcej osób z historią migracji angażuje się w stowarzyszeniach i inicjatywach.",
    "Rozwijać platformę wymiany między wolontariuszami a pracownikami etatowymi",
    "Stowarzyszenia, administracja i instytucje otwierają się międzykulturowo i odzwierciedlają różnorodność miasta.",
    "Administracja przyjmuje więcej praktykantów z historią migracji.",
    "Informacje miasta są dostępne w języku łatwym w odbiorze i w najczęstszych językach pochodzenia.",
    "Cykl szkoleń z kompetencji międzykulturowych dla zarządów stowarzyszeń",
    (
        "Wszystkie dzieci i młodzież mają od początku równe szanse edukacyjne; język niemiecki jest wspierany od "
        "najmłodszych lat."
    ),
    (
        "Każde dziecko, które potrzebuje wsparcia, otrzymuje przed pójściem do szkoły wsparcie językowe w "
        "codziennym życiu przedszkola."
    ),
    "Rodzice z historią migracji łatwo znajdują miejsce w przedszkolu i biorą udział w życiu przedszkola i szkoły.",
    "Rodziny szukające mieszkania otrzymują wsparcie w znalezieniu przystępnego lokum.",
    "Kawiarenki dla rodziców z tłumaczami w przedszkolach i szkołach podstawowych",
    "Osoby przybyłe z zagranicy znajdują pracę odpowiadającą ich umiejętnościom i kwalifikacjom.",
    "Zagraniczne kwalifikacje zawodowe są szybciej uznawane; doradza w tym punkt informacyjny.",
    "Zawodowe kursy językowe z opieką nad dziećmi są dostępne blisko miejsca zamieszkania.",
    "Partnerstwa opiekuńcze między firmami a uchodźcami w zakresie praktyk i nauki zawodu",
    "Na rzecz udanego współżycia – rozwijać kulturę dialogu",
    "Wzmacnianie zaangażowania obywatelskiego",
    "Otwarcie międzykulturowe organizacji społecznych, stowarzyszeń i grup",
    "Edukacja i profilaktyka",
    "Integracja na rynku pracy",
    "Wolontariat",
    "Niezależne organizacje pomocy społecznej",
    "Rada ds. integracji",
    "Parlament młodzieżowy",
    "Mieszkańcy z historią migracji",
    "Gminy meczetowe",
    "Organizacje migrantów",
    "Administracja",
]
