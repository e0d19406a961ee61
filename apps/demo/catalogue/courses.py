"""What demonstration courses are: titles, parts, scenarios and audiences, in both languages."""

# Courses: English title, French title, and the parts (kind, English, French) it is made of.
COURSES = (
    ("Logistics Planning in NATO", "Planification logistique au sein de l'OTAN"),
    ("NATO Operational Planning Process", "Processus de planification opérationnelle de l'OTAN"),
    ("Civil-Military Cooperation", "Coopération civilo-militaire"),
    ("Defence Resource Management", "Gestion des ressources de défense"),
    ("Counter-IED Awareness", "Sensibilisation à la lutte contre les engins explosifs improvisés"),
    ("Cyber Defence Fundamentals", "Fondamentaux de la cyberdéfense"),
    ("Military English Instructor Course", "Formation des instructeurs d'anglais militaire"),
    ("Building Integrity in the Defence Sector", "Renforcement de l'intégrité dans la défense"),
    ("Crisis Management Exercise", "Exercice de gestion de crise"),
    ("Search and Rescue Coordination", "Coordination de la recherche et du sauvetage"),
    ("Medical Evacuation Planning", "Planification des évacuations sanitaires"),
    ("Strategic Communications", "Communication stratégique"),
    ("Law of Armed Conflict", "Droit des conflits armés"),
    (
        "Gender Perspective in Military Operations",
        "Prise en compte du genre dans les opérations militaires",
    ),
    ("Explosive Ordnance Disposal", "Neutralisation des explosifs et munitions"),
    ("Non-Commissioned Officer Development", "Perfectionnement des sous-officiers"),
    ("Border Security and Management", "Sécurité et gestion des frontières"),
    ("Energy Security", "Sécurité énergétique"),
    ("Faculty Development", "Formation des enseignants militaires"),
    ("NATO Staff Officer Orientation", "Orientation des officiers d'état-major de l'OTAN"),
    ("CBRN Defence", "Défense NRBC"),
    ("Interoperability and NATO Standards", "Interopérabilité et normes de l'OTAN"),
    ("Military Police Procedures", "Procédures de police militaire"),
    ("Peace Support Operations", "Opérations de soutien de la paix"),
)
PARTS = (
    ("theory", "Principles and doctrine", "Principes et doctrine"),
    ("theory", "Structures and procedures", "Structures et procédures"),
    ("practical_exercise", "Table-top exercise", "Exercice sur table"),
    ("practical_exercise", "Syndicate work on the scenario", "Travail en groupe sur le scénario"),
    ("familiarisation", "Familiarisation with NATO", "Familiarisation avec l'OTAN"),
    ("briefing", "Briefings by subject-matter experts", "Exposés d'experts"),
)
SCENARIOS = (
    (
        "Organisation of logistics in the operational planning process during operations",
        "Organisation de la logistique dans le processus de planification opérationnelle",
    ),
    ("A natural disaster in a partner nation", "Une catastrophe naturelle dans un pays partenaire"),
    (
        "A crisis-response operation across a border",
        "Une opération de réponse à une crise au-delà d'une frontière",
    ),
)
AUDIENCES = (
    ("Staff officers", "Officiers d'état-major"),
    ("Military personnel", "Personnel militaire"),
    ("Senior non-commissioned officers", "Sous-officiers supérieurs"),
    ("Civil servants of the ministry", "Fonctionnaires du ministère"),
)
