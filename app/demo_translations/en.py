"""English translations of the demo content (order of ``SOURCES``)."""

TRANSLATIONS = [
    "Online survey: living together in Monheim am Rhein",
    (
        "Tell us in a few minutes what is going well in Monheim am Rhein and what should change. The survey is "
        "anonymous."
    ),
    (
        "I agree that my answers are analysed for the update of the city's integration concept. They are stored "
        "under a code and published only in summary form. I can withdraw my consent at any time; my answers will "
        "then be deleted."
    ),
    "Your opinion",
    "What should change so that everyone in Monheim am Rhein can live well together?",
    "What is already working well?",
    "How comfortable do you feel in your district?",
    "not comfortable at all",
    "very comfortable",
    "under 18",
    "65 and older",
    "Decision-makers' workshop on the integration concept",
    (
        "Today you help decide which goals go into the integration concept. You have 5 dots; one goal can get at "
        "most 2 dots. Afterwards you can propose your own ideas for measures."
    ),
    "Which goals matter most to you?",
    "Your ideas for measures",
    "People of different origins meet as equals in everyday life and talk with each other.",
    "Every year, each district holds festivals and evenings of dialogue where people meet.",
    "The interfaith dialogue between churches and mosque communities is permanent.",
    "District cafés as open meeting places, with language mentors",
    "Civic engagement by and for people with a migration history is strengthened and recognised.",
    "Volunteers receive intercultural training and regular support.",
    "More people with a migration history are active in clubs and initiatives.",
    "Develop the exchange platform between volunteers and professionals further",
    "Clubs, the administration and institutions open up interculturally and reflect the diversity of the city.",
    "The administration takes on more trainees with a migration history.",
    "The city's information is available in easy-to-read language and in the most common languages of origin.",
    "Training series on intercultural competence for club boards",
    "All children and young people have equal educational opportunities from the start; German is supported early.",
    "Every child who needs support gets language support in everyday nursery life before starting school.",
    "Parents with a migration history easily find a childcare place and are involved in nursery and school.",
    "Families looking for a home are supported in finding affordable housing.",
    "Parents' cafés with interpreters in nurseries and primary schools",
    "Immigrants find work that matches their skills and qualifications.",
    "Foreign vocational qualifications are recognised faster; a guidance office advises on this.",
    "Job-related language courses with childcare are available close to home.",
    "Mentoring partnerships between companies and refugees for internships and training",
    "Working for a good life together – developing a culture of dialogue",
    "Strengthening civic engagement",
    "Intercultural opening of civil-society organisations, clubs and groups",
    "Education and prevention",
    "Integration into the labour market",
    "Volunteering",
    "Independent welfare organisations",
    "Integration council",
    "Youth parliament",
    "Residents with a migration history",
    "Mosque communities",
    "Migrant organisations",
    "Administration",
]
