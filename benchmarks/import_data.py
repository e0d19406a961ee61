"""The enrolment-import benchmark's data: a register of people, and a CSV file of new
participants written as registrars write them.
"""

import datetime
from collections.abc import Iterator
from typing import Any

# Names as the partners' ministries write them: Azerbaijani Latin, Cyrillic and passports.
# Three groups of family names that fold apart (``fold_name``): every day of a birth date is
# given to one row of each group at most, so that no two rows are one person.
FAMILY_NAMES = (
    (
        "Əliyev", "Алиев", "ALIYEV", "Məmmədov", "Мамедов", "MAMMADOV", "Hüseynov",
        "Гусейнов", "HUSEYNOV", "Həsənov", "Гасанов", "HASANOV", "Quliyev", "Кулиев",
    ),
    (
        "Qasımov", "Гасымов", "Cəfərov", "Джафаров", "JAFAROV", "Abbasov", "Аббасов",
        "Bağırov", "Багиров", "Rzayev", "Рзаев", "Kərimov", "Керимов", "Ціпко",
    ),
    (
        "Vəliyev", "Велиев", "İsmayılov", "Исмаилов", "ISMAYILOV", "Nəsirov", "Насиров",
        "Süleymanov", "Сулейманов", "Beridze", "Беридзе", "Shevchenko", "Шевченко", "Popescu",
    ),
)  # fmt: skip


GIVEN_NAMES = (
    "Rəşad", "Рашад", "RASHAD", "Elvin", "Эльвин", "Tural", "Турал", "Orxan", "Орхан",
    "ORKHAN", "Elçin", "Эльчин", "Fərid", "Фарид", "Kamran", "Камран", "Samir", "Самир",
    "Anar", "Анар", "Nicat", "Ниджат", "Ceyhun", "Джейхун", "Ruslan", "Руслан", "Emin",
    "Эмин", "Elnur", "Эльнур", "Şahin", "Шахин", "Giorgi", "Levan", "Олена", "Andrei",
)  # fmt: skip


PATRONYMICS = ("Vaqif oğlu", "Рафикович", "", "Tofiq oğlu", "", "Ахмедович", "")


RANKS = ("Major", "Captain", "Подполковник", "Lieutenant", "Капитан", "COLONEL")


SERVICES = ("armée de terre", "army", "marine", "air force", "interarmées", "civil")


NATIONALITIES = ("AZ", "Azerbaijan", "Azerbaïdjan", "AZE", "GE", "Ukraine", "Géorgie")


STATUSES = ("nominé", "nominated", "confirmé", "confirmed")


HEADER = (
    "Nom;Prénoms;Patronyme;Grade;Armée;Unité;Organisation;Nationalité;Date de naissance;"
    "Courriel;Statut"
)


# Birth dates: from here, one day after the other; the register's people were born before
# it, so that none of them is matched.
FIRST_BIRTH_DATE = datetime.date(1955, 1, 1)


BIRTH_DAYS = 18_000


MOST_ROWS = BIRTH_DAYS * len(FAMILY_NAMES)


ORGANISATION = "MODAZ"


def participants(rows: int) -> Iterator[dict[str, str]]:
    """``rows`` participants as a nomination list writes them: no two the same person."""
    assert rows <= MOST_ROWS, f"at most {MOST_ROWS:,} rows"
    for number in range(rows):
        families = FAMILY_NAMES[number // BIRTH_DAYS]
        family = families[number % len(families)]
        given = GIVEN_NAMES[(number // 7) % len(GIVEN_NAMES)]
        birth_date = FIRST_BIRTH_DATE + datetime.timedelta(days=number % BIRTH_DAYS)
        yield {
            "family_name": family,
            "given_names": given,
            "patronymic": PATRONYMICS[number % len(PATRONYMICS)],
            "rank": RANKS[number % len(RANKS)],
            "service": SERVICES[number % len(SERVICES)],
            "unit": f"Logistics Battalion {number % 40 + 1}",
            "nationality": NATIONALITIES[number % len(NATIONALITIES)],
            "birth_date": birth_date.strftime("%d/%m/%Y" if number % 2 else "%Y-%m-%d"),
            "email": f"participant{number}@mod.example.az" if number % 3 == 0 else "",
            "status": STATUSES[number % len(STATUSES)],
        }


def nomination_csv(rows: int) -> bytes:
    lines = [HEADER]
    for row in participants(rows):
        lines.append(
            ";".join(
                [
                    row["family_name"],
                    row["given_names"],
                    row["patronymic"],
                    row["rank"],
                    row["service"],
                    row["unit"],
                    ORGANISATION,
                    row["nationality"],
                    row["birth_date"],
                    row["email"],
                    row["status"],
                ]
            )
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def typed_participants(rows: int) -> list[dict[str, Any]]:
    """The same participants with their values typed, as the floor writes them."""
    from apps.imports.columns import CELL_READERS, DATE_FIELDS

    readers = {**CELL_READERS, **DATE_FIELDS}
    return [
        {
            name: readers[name](value) if name in readers else value
            for name, value in row.items()
            if value
        }
        for row in participants(rows)
    ]


def register_fill(people: int) -> Any:
    """The register the file is matched against, an organisation and a programme; the
    organisation."""
    from apps.organisations.models import Organisation, OrganisationKind
    from apps.people.models import Person
    from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus

    ministry = Organisation.objects.create(
        slug="mod-az",
        name_en="Ministry of Defence of Azerbaijan",
        acronym=ORGANISATION,
        kind=OrganisationKind.MINISTRY,
    )
    nato = Organisation.objects.create(slug="nato", name_en="NATO", kind=OrganisationKind.ALLIANCE)
    Programme.objects.create(
        slug="ipcp-2026",
        kind=ProgrammeKind.IPCP,
        title_en="IPCP 2026",
        partner=ministry,
        nato_side=nato,
        start_year=2026,
        end_year=2026,
        status=ProgrammeStatus.IN_FORCE,
    )
    born = FIRST_BIRTH_DATE - datetime.timedelta(days=people + 1)
    families = [name for group in FAMILY_NAMES for name in group]
    Person.objects.bulk_create(
        (
            Person(
                family_name=families[number % len(families)],
                given_names=GIVEN_NAMES[number % len(GIVEN_NAMES)],
                birth_date=born + datetime.timedelta(days=number),
                nationality="AZ",
            )
            for number in range(people)
        ),
        batch_size=1000,
    )
    return ministry


def course_new(number: int) -> Any:
    from apps.core.dates import DatePrecision
    from apps.courses.models import Course, CourseStatus
    from apps.programmes.models import Programme

    return Course.objects.create(
        slug=f"logistics-planning-{number}",
        programme=Programme.objects.get(slug="ipcp-2026"),
        title_en=f"Logistics Planning in NATO ({number})",
        city="Baku",
        country="AZ",
        start_date=datetime.date(2026, 3, 2),
        start_precision=DatePrecision.DAY,
        end_date=datetime.date(2026, 3, 6),
        end_precision=DatePrecision.DAY,
        status=CourseStatus.HELD,
    )
