"""What demonstration data is made of: partner nations, NATO deliverers, courses and names.

Hand lists rather than Faker: the rows stay the same for a seed whatever library version is
installed, names come in the forms registrars meet (Azerbaijani Latin, Russian Cyrillic,
Georgian transliterated, Ukrainian Cyrillic …), and picking from a list is fast.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Nation:
    """A partner nation: its ISO 3166-1 code, names, capital and how its people are named."""

    code: str
    name_en: str
    name_fr: str
    capital: str
    names: str  # a key of NAME_STYLES
    language: str  # what its ministry publishes in (ISO 639-1, among Django's languages)
    cyrillic_share: float = 0.0  # people recorded with their names in Russian Cyrillic …
    cyrillic_names: str = "kk"  # … written in this style


# About 40 partners of the Alliance: Partnership for Peace, Mediterranean Dialogue, Istanbul
# Cooperation Initiative and partners across the globe (Finland and Sweden before they joined).
NATIONS = (
    Nation("AZ", "Azerbaijan", "Azerbaïdjan", "Baku", "az", "az", 0.2, "az-cyrl"),
    Nation("GE", "Georgia", "Géorgie", "Tbilisi", "ka", "ka"),
    Nation("UA", "Ukraine", "Ukraine", "Kyiv", "uk", "uk"),
    Nation("MD", "Moldova", "Moldavie", "Chișinău", "ro", "ro"),
    Nation("AM", "Armenia", "Arménie", "Yerevan", "hy", "hy"),
    Nation("KZ", "Kazakhstan", "Kazakhstan", "Astana", "kk", "kk"),
    Nation("UZ", "Uzbekistan", "Ouzbékistan", "Tashkent", "uz", "uz"),
    Nation("KG", "Kyrgyzstan", "Kirghizistan", "Bishkek", "kk", "ky"),
    Nation("TJ", "Tajikistan", "Tadjikistan", "Dushanbe", "uz", "tg", 0.5),
    Nation("TM", "Turkmenistan", "Turkménistan", "Ashgabat", "uz", "tk"),
    Nation("BA", "Bosnia and Herzegovina", "Bosnie-Herzégovine", "Sarajevo", "sr", "bs"),
    Nation("RS", "Serbia", "Serbie", "Belgrade", "sr", "sr"),
    Nation("AT", "Austria", "Autriche", "Vienna", "de", "de"),
    Nation("CH", "Switzerland", "Suisse", "Bern", "de", "de"),
    Nation("IE", "Ireland", "Irlande", "Dublin", "en", "en"),
    Nation("MT", "Malta", "Malte", "Valletta", "en", "en"),
    Nation("FI", "Finland", "Finlande", "Helsinki", "fi", "fi"),
    Nation("SE", "Sweden", "Suède", "Stockholm", "sv", "sv"),
    Nation("JO", "Jordan", "Jordanie", "Amman", "ar", "ar"),
    Nation("TN", "Tunisia", "Tunisie", "Tunis", "ar", "fr"),
    Nation("MA", "Morocco", "Maroc", "Rabat", "ar", "fr"),
    Nation("DZ", "Algeria", "Algérie", "Algiers", "ar", "fr"),
    Nation("EG", "Egypt", "Égypte", "Cairo", "ar", "ar"),
    Nation("MR", "Mauritania", "Mauritanie", "Nouakchott", "ar", "fr"),
    Nation("IL", "Israel", "Israël", "Tel Aviv", "en", "he"),
    Nation("BH", "Bahrain", "Bahreïn", "Manama", "ar", "ar"),
    Nation("QA", "Qatar", "Qatar", "Doha", "ar", "ar"),
    Nation("KW", "Kuwait", "Koweït", "Kuwait City", "ar", "ar"),
    Nation("AE", "United Arab Emirates", "Émirats arabes unis", "Abu Dhabi", "ar", "ar"),
    Nation("IQ", "Iraq", "Irak", "Baghdad", "ar", "ar"),
    Nation("AU", "Australia", "Australie", "Canberra", "en", "en"),
    Nation("NZ", "New Zealand", "Nouvelle-Zélande", "Wellington", "en", "en"),
    Nation("JP", "Japan", "Japon", "Tokyo", "ja", "ja"),
    Nation("KR", "Republic of Korea", "République de Corée", "Seoul", "ko", "ko"),
    Nation("MN", "Mongolia", "Mongolie", "Ulaanbaatar", "mn", "mn"),
    Nation("PK", "Pakistan", "Pakistan", "Islamabad", "pk", "ur"),
    Nation("CO", "Colombia", "Colombie", "Bogotá", "es", "es"),
    Nation("IN", "India", "Inde", "New Delhi", "pk", "en"),
    Nation("CY", "Cyprus", "Chypre", "Nicosia", "en", "el"),
    Nation("BR", "Brazil", "Brésil", "Brasília", "es", "pt"),
)


@dataclass(frozen=True)
class Deliverer:
    """A NATO body that delivers training; ``prefix`` when it issues certificates itself."""

    key: str
    name_en: str
    name_fr: str
    acronym: str
    kind: str  # an OrganisationKind value
    prefix: str = ""
    parent: str = "nato"


NATO = Deliverer(
    "nato",
    "North Atlantic Treaty Organization",
    "Organisation du Traité de l'Atlantique Nord",
    "NATO",
    "alliance",
    parent="",
)
# JFC Brunssum and its prefix JFCBS belong to the seed: demonstration data never takes them.
DELIVERERS = (
    Deliverer(
        "jfc-naples",
        "Allied Joint Force Command Naples",
        "Commandement des forces interarmées de l'OTAN à Naples",
        "JFCNP",
        "command",
        prefix="JFCNP",
    ),
    Deliverer(
        "jfc-norfolk",
        "Joint Force Command Norfolk",
        "Commandement des forces interarmées de Norfolk",
        "JFCNF",
        "command",
        prefix="JFCNF",
    ),
    Deliverer(
        "nato-school",
        "NATO School Oberammergau",
        "École de l'OTAN d'Oberammergau",
        "NSO",
        "command",
        prefix="NSO",
    ),
    Deliverer(
        "nato-defense-college",
        "NATO Defense College",
        "Collège de défense de l'OTAN",
        "NDC",
        "command",
        prefix="NDC",
    ),
    Deliverer(
        "mtt-jfc-naples",
        "NATO Mobile Training Team of JFC Naples",
        "Groupe mobile d'entraînement de l'OTAN du JFC Naples",
        "MTT",
        "training_team",
        parent="jfc-naples",
    ),
    Deliverer(
        "mtt-jfc-norfolk",
        "NATO Mobile Training Team of JFC Norfolk",
        "Groupe mobile d'entraînement de l'OTAN du JFC Norfolk",
        "MTT",
        "training_team",
        parent="jfc-norfolk",
    ),
    Deliverer(
        "deep-team",
        "Defence Education Enhancement Programme team",
        "Équipe du programme de renforcement de la formation militaire",
        "DEEP",
        "training_team",
        parent="nato-defense-college",
    ),
)
TEACHING_DELIVERERS = (
    "mtt-jfc-naples",
    "mtt-jfc-norfolk",
    "nato-school",
    "nato-defense-college",
    "deep-team",
)

NEWS_AGENCIES = (
    ("apa", "APA", "AZ", "en"),
    ("report-az", "Report.az", "AZ", "az"),
    ("interpressnews", "Interpressnews", "GE", "ka"),
    ("ukrinform", "Ukrinform", "UA", "uk"),
    ("moldpres", "Moldpres", "MD", "ro"),
    ("kazinform", "Kazinform", "KZ", "ru"),
    ("petra", "Petra", "JO", "ar"),
    ("map", "Maghreb Arabe Presse", "MA", "fr"),
    ("defense-news", "Defense News", "US", "en"),
    ("afp", "Agence France-Presse", "FR", "fr"),
)

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
EXPERTISE = (
    "Logistics planning",
    "Operational planning",
    "Cyber defence",
    "Military English",
    "Civil-military cooperation",
    "Defence resource management",
    "CBRN defence",
    "Strategic communications",
    "Law of armed conflict",
    "Explosive ordnance disposal",
)
RANKS = (
    "Lieutenant",
    "Senior Lieutenant",
    "Captain",
    "Major",
    "Lieutenant Colonel",
    "Colonel",
    "Sergeant",
    "Staff Sergeant",
    "Warrant Officer",
    "Lieutenant Commander",
)
TRAINER_NATIONALITIES = ("US", "GB", "DE", "FR", "IT", "PL", "TR", "NL", "CA", "RO", "NO", "ES")


@dataclass(frozen=True)
class NameStyle:
    """How a people writes its names: family names (male form), given names, patronymics."""

    family: tuple[str, ...]
    male: tuple[str, ...]
    female: tuple[str, ...]
    feminine: tuple[tuple[str, str], ...] = ()  # family-name endings: (male, female)
    male_patronymics: tuple[str, ...] = ()  # empty: this people uses no patronymics
    female_patronymics: tuple[str, ...] = ()


AZ_CYRILLIC = NameStyle(
    (
        "Алиев",
        "Мамедов",
        "Гасанов",
        "Гусейнов",
        "Кулиев",
        "Гасымов",
        "Исмаилов",
        "Аббасов",
        "Джафаров",
        "Рагимов",
        "Ахмедов",
        "Багиров",
        "Велиев",
        "Керимов",
    ),
    ("Шахрияр", "Рашад", "Эльвин", "Орхан", "Турал", "Кенан", "Вугар", "Анар", "Эльчин"),
    ("Айсель", "Гюнель", "Лейла", "Наргиз", "Сабина", "Лала"),
    (("ов", "ова"), ("ев", "ева")),
    ("Рашадович", "Эльчинович", "Анарович", "Вугарович", "Агаевич", "Гусейнович"),
    ("Рашадовна", "Эльчиновна", "Анаровна", "Вугаровна", "Агаевна", "Гусейновна"),
)
AZ_MALE = (
    "Şəhriyar",
    "Rəşad",
    "Elvin",
    "Orxan",
    "Tural",
    "Kənan",
    "Vüqar",
    "Anar",
    "Elçin",
    "Rauf",
    "Ilkin",
    "Fərid",
    "Cavid",
    "Ağa",
)
NAME_STYLES = {
    "az-cyrl": AZ_CYRILLIC,
    "az": NameStyle(
        (
            "Əliyev",
            "Məmmədov",
            "Həsənov",
            "Hüseynov",
            "Quliyev",
            "Qasımov",
            "İsmayılov",
            "Abbasov",
            "Cəfərov",
            "Rəhimov",
            "Əhmədov",
            "Bağırov",
            "Nəsirov",
            "Vəliyev",
            "Kərimov",
            "Süleymanov",
            "Şükürov",
            "Ağayev",
        ),
        AZ_MALE,
        ("Aysel", "Günel", "Leyla", "Nərgiz", "Səbinə", "Lalə", "Aynur", "Könül"),
        (("ov", "ova"), ("yev", "yeva")),
        tuple(f"{father} oğlu" for father in AZ_MALE),
        tuple(f"{father} qızı" for father in AZ_MALE),
    ),
    "ka": NameStyle(
        (
            "Beridze",
            "Kapanadze",
            "Gelashvili",
            "Maisuradze",
            "Giorgadze",
            "Lomidze",
            "Tsiklauri",
            "Bolkvadze",
            "Kvaratskhelia",
            "Nozadze",
            "Japaridze",
            "Mikeladze",
            "Abashidze",
            "Chkheidze",
            "Gogoladze",
        ),
        ("Giorgi", "Davit", "Levan", "Irakli", "Nikoloz", "Zurab", "Lasha", "Tornike", "Otar"),
        ("Nino", "Tamar", "Mariam", "Ana", "Ketevan", "Salome"),
    ),
    "uk": NameStyle(
        (
            "Шевченко",
            "Бондаренко",
            "Коваленко",
            "Ткаченко",
            "Кравченко",
            "Мельник",
            "Олійник",
            "Бойко",
            "Ковальчук",
            "Поліщук",
            "Лисенко",
            "Савчук",
            "Мороз",
            "Гнатюк",
        ),
        ("Олександр", "Андрій", "Дмитро", "Сергій", "Володимир", "Юрій", "Тарас", "Богдан"),
        ("Ольга", "Оксана", "Наталія", "Ірина", "Тетяна", "Юлія"),
        (),
        ("Олександрович", "Андрійович", "Дмитрович", "Сергійович", "Володимирович", "Юрійович"),
        ("Олександрівна", "Андріївна", "Дмитрівна", "Сергіївна", "Володимирівна", "Юріївна"),
    ),
    "ro": NameStyle(
        (
            "Rusu",
            "Ceban",
            "Popa",
            "Țurcan",
            "Lungu",
            "Munteanu",
            "Cojocaru",
            "Ursu",
            "Ciobanu",
            "Moraru",
            "Guțu",
            "Bălan",
        ),
        ("Ion", "Vasile", "Andrei", "Mihai", "Sergiu", "Victor", "Dumitru", "Alexandru"),
        ("Maria", "Elena", "Ana", "Natalia", "Cristina", "Tatiana"),
    ),
    "hy": NameStyle(
        (
            "Petrosyan",
            "Hovhannisyan",
            "Grigoryan",
            "Harutyunyan",
            "Sargsyan",
            "Khachatryan",
            "Vardanyan",
            "Gevorgyan",
            "Avetisyan",
            "Karapetyan",
        ),
        ("Aram", "Tigran", "Armen", "Davit", "Hayk", "Narek", "Vahagn", "Gor"),
        ("Anush", "Lilit", "Mariam", "Nare", "Armine", "Gayane"),
    ),
    "kk": NameStyle(
        (
            "Ахметов",
            "Нурланов",
            "Серикбаев",
            "Жумабаев",
            "Исаков",
            "Касымов",
            "Омаров",
            "Турсунов",
            "Абдрахманов",
            "Сатыбалдиев",
            "Бекмуратов",
        ),
        ("Нурлан", "Ерлан", "Серик", "Асхат", "Бакыт", "Канат", "Дамир", "Азамат"),
        ("Айгуль", "Динара", "Жанна", "Гульнара", "Асель", "Мадина"),
        (("ов", "ова"), ("ев", "ева")),
        ("Нурланович", "Ерланович", "Серикович", "Асхатович", "Канатович", "Бакытович"),
        ("Нурлановна", "Ерлановна", "Сериковна", "Асхатовна", "Канатовна", "Бакытовна"),
    ),
    "uz": NameStyle(
        (
            "Karimov",
            "Rahimov",
            "Yusupov",
            "Tursunov",
            "Abdullayev",
            "Ergashev",
            "Xolmatov",
            "Sobirov",
            "Nazarov",
            "Mirzayev",
            "Qodirov",
            "Rashidov",
        ),
        ("Jasur", "Bobur", "Sardor", "Aziz", "Otabek", "Sherzod", "Farrux", "Dilshod"),
        ("Dilnoza", "Nigora", "Gulnora", "Madina", "Shahnoza", "Zarina"),
        (("ov", "ova"), ("ev", "eva")),
    ),
    "sr": NameStyle(
        (
            "Petrović",
            "Jovanović",
            "Nikolić",
            "Marković",
            "Đorđević",
            "Hodžić",
            "Hadžić",
            "Kovačević",
            "Babić",
            "Ilić",
            "Popović",
            "Stanković",
        ),
        ("Marko", "Nikola", "Stefan", "Miloš", "Emir", "Adnan", "Dragan", "Nenad"),
        ("Jelena", "Milica", "Ana", "Amra", "Selma", "Ivana"),
    ),
    "de": NameStyle(
        (
            "Müller",
            "Gruber",
            "Huber",
            "Schneider",
            "Wagner",
            "Steiner",
            "Moser",
            "Meier",
            "Keller",
            "Weber",
            "Brunner",
            "Fischer",
        ),
        ("Lukas", "Florian", "Thomas", "Stefan", "Michael", "Andreas", "Jonas", "Matthias"),
        ("Anna", "Julia", "Katharina", "Sarah", "Lena", "Sophie"),
    ),
    "en": NameStyle(
        (
            "Murphy",
            "Kelly",
            "O'Brien",
            "Walsh",
            "Smith",
            "Borg",
            "Camilleri",
            "Vella",
            "Taylor",
            "Wilson",
            "Brown",
            "Cohen",
            "Levi",
            "Georgiou",
        ),
        ("John", "Patrick", "James", "Michael", "David", "Daniel", "Andreas", "Thomas"),
        ("Mary", "Sarah", "Emma", "Claire", "Rachel", "Maria"),
    ),
    "fi": NameStyle(
        (
            "Virtanen",
            "Korhonen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
        ),
        ("Mikko", "Juha", "Timo", "Jari", "Antti", "Ville", "Sami"),
        ("Anna", "Laura", "Tiina", "Johanna", "Minna", "Sanna"),
    ),
    "sv": NameStyle(
        (
            "Andersson",
            "Johansson",
            "Karlsson",
            "Nilsson",
            "Eriksson",
            "Larsson",
            "Olsson",
            "Persson",
            "Svensson",
            "Gustafsson",
        ),
        ("Erik", "Lars", "Anders", "Johan", "Karl", "Per", "Magnus"),
        ("Karin", "Eva", "Maria", "Kristina", "Elin", "Sara"),
    ),
    "ar": NameStyle(
        (
            "Al-Khatib",
            "Haddad",
            "Mansour",
            "Ben Ali",
            "El Amrani",
            "Bouazizi",
            "Al-Masri",
            "Nasser",
            "Hamdan",
            "Al-Sabah",
            "Benali",
            "Ould Ahmed",
            "Al-Hashimi",
            "Khalil",
        ),
        ("Mohamed", "Ahmed", "Youssef", "Omar", "Khaled", "Karim", "Hamza", "Tariq", "Ali"),
        ("Fatima", "Amina", "Leila", "Salma", "Nour", "Rania"),
    ),
    "ja": NameStyle(
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"),
        ("Hiroshi", "Takeshi", "Kenji", "Daisuke", "Yuki", "Shota"),
        ("Yuko", "Akiko", "Naomi", "Haruka", "Emi"),
    ),
    "ko": NameStyle(
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
        ("Min-jun", "Ji-hoon", "Hyun-woo", "Seung-ho", "Dong-hyun", "Jae-won"),
        ("Ji-yeon", "Soo-jin", "Min-ji", "Hye-jin", "Eun-ji"),
    ),
    "mn": NameStyle(
        ("Bat-Erdene", "Ganbaatar", "Enkhbayar", "Tsogtbaatar", "Batbold", "Otgonbayar"),
        ("Bold", "Ganzorig", "Temuulen", "Munkh-Erdene", "Erdenebat"),
        ("Oyunchimeg", "Sarangerel", "Enkhjargal", "Altantsetseg"),
    ),
    "pk": NameStyle(
        ("Khan", "Ahmed", "Malik", "Qureshi", "Sharma", "Singh", "Iqbal", "Chaudhry", "Rao"),
        ("Imran", "Bilal", "Usman", "Arjun", "Rahul", "Faisal", "Asif"),
        ("Ayesha", "Sana", "Priya", "Nadia", "Hina"),
    ),
    "es": NameStyle(
        (
            "García",
            "Rodríguez",
            "Martínez",
            "López",
            "Gómez",
            "Pérez",
            "Silva",
            "Santos",
            "Oliveira",
            "Ramírez",
        ),
        ("Juan", "Carlos", "Andrés", "Felipe", "João", "Pedro", "Diego"),
        ("María", "Ana", "Camila", "Valentina", "Juliana", "Luisa"),
    ),
}
TRAINER_STYLES = ("en", "de", "sv", "fi", "es")
