"""The partner nations demonstration data trains: names, capitals and how their people are named."""

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
