"""French translations of the demo content (order of ``SOURCES``)."""

TRANSLATIONS = [
    "Enquête en ligne : vivre ensemble à Monheim am Rhein",
    (
        "Dites-nous en quelques minutes ce qui fonctionne bien à Monheim am Rhein et ce qui devrait changer. "
        "L’enquête est anonyme."
    ),
    (
        "J’accepte que mes réponses soient analysées pour la mise à jour du concept d’intégration de la ville. "
        "Elles sont enregistrées sous un code et publiées uniquement sous forme de synthèse. Je peux retirer mon "
        "consentement à tout moment ; mes réponses seront alors supprimées."
    ),
    "Votre avis",
    "Que faudrait-il changer pour que tout le monde puisse bien vivre ensemble à Monheim am Rhein ?",
    "Qu’est-ce qui fonctionne déjà bien ?",
    "Dans quelle mesure vous sentez-vous bien dans votre quartier ?",
    "pas du tout bien",
    "très bien",
    "moins de 18 ans",
    "65 ans et plus",
    "Atelier des décideurs sur le concept d’intégration",
    (
        "Aujourd’hui, vous participez au choix des objectifs du concept d’intégration. Vous disposez de 5 points ; "
        "un objectif peut recevoir au maximum 2 points. Ensuite, vous pourrez proposer vos propres idées de "
        "mesures."
    ),
    "Quels objectifs sont les plus importants pour vous ?",
    "Vos idées de mesures",
    "Des personnes d’origines différentes se rencontrent au quotidien d’égal à égal et échangent entre elles.",
    "Chaque année, chaque quartier organise des fêtes de rencontre et des soirées de dialogue.",
    "Le dialogue interreligieux entre les paroisses et les communautés des mosquées est pérennisé.",
    "Des cafés de quartier comme lieux de rencontre ouverts, avec des parrainages linguistiques",
    "L’engagement citoyen des personnes issues de l’immigration et en leur faveur est renforcé et reconnu.",
    "Les bénévoles reçoivent une formation interculturelle et un accompagnement régulier.",
    "Davantage de personnes issues de l’immigration s’engagent dans des associations et des initiatives.",
    "Développer la plateforme d’échange entre bénévoles et professionnels",
    (
        "Les associations, l’administration et les institutions s’ouvrent à l’interculturalité et reflètent la "
        "diversité de la ville."
    ),
    "L’administration recrute davantage d’apprentis issus de l’immigration.",
    (
        "Les informations de la ville sont disponibles en langage facile et dans les langues d’origine les plus "
        "courantes."
    ),
    "Cycle de formation aux compétences interculturelles pour les comités des associations",
    "Tous les enfants et les jeunes ont dès le départ les mêmes chances de formation ; l’allemand est encouragé tôt.",
    (
        "Chaque enfant qui en a besoin bénéficie, avant l’entrée à l’école, d’un soutien linguistique intégré au "
        "quotidien."
    ),
    (
        "Les parents issus de l’immigration trouvent facilement une place en crèche et sont associés à la vie de "
        "la crèche et de l’école."
    ),
    "Les familles à la recherche d’un logement sont accompagnées pour trouver un logement abordable.",
    "Cafés des parents avec interprètes dans les crèches et les écoles primaires",
    "Les personnes immigrées trouvent un emploi qui correspond à leurs compétences et à leurs diplômes.",
    (
        "Les diplômes professionnels étrangers sont reconnus plus rapidement ; un service d’orientation conseille "
        "à ce sujet."
    ),
    "Des cours de langue à visée professionnelle avec garde d’enfants sont proposés près du domicile.",
    "Parrainages entre entreprises et personnes réfugiées pour des stages et des formations",
    "S’engager pour bien vivre ensemble – développer une culture du dialogue",
    "Renforcer l’engagement citoyen",
    "Ouverture interculturelle des organisations de la société civile, des associations et des groupes",
    "Éducation et prévention",
    "Intégration sur le marché du travail",
    "Bénévolat",
    "Organismes indépendants d’aide sociale",
    "Conseil de l’intégration",
    "Parlement des jeunes",
    "Habitantes et habitants issus de l’immigration",
    "Communautés des mosquées",
    "Organisations de personnes migrantes",
    "Administration",
]
