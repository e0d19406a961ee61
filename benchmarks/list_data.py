"""The data the list-endpoint benchmark runs on: same seed, same rows, every run."""

import datetime
import random
import uuid

SEED = 20260306
CREATED_AT = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)


def fill(rows: int) -> dict[str, int]:
    """``rows`` organisations, programmes, courses, sources, people, enrolments, certificates.

    Each course has a programme, a delivering and an organising organisation, 2 parts, 1
    source and 1 trainer; each programme 1 source. One person in ten is a trainer. Every
    enrolment is completed and certified. Fixed seed and dates: the same data every run.
    """
    from apps.certificates.models import Certificate, CertificateStatus
    from apps.core.dates import DatePrecision
    from apps.courses.models import (
        Course,
        CoursePart,
        CoursePartKind,
        CourseStatus,
        CourseTrainer,
        TrainerRole,
    )
    from apps.enrolments.models import Enrolment, EnrolmentStatus
    from apps.organisations.models import Organisation, OrganisationKind
    from apps.people.models import Person, Service, Trainer
    from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
    from apps.sources.models import CourseSource, ProgrammeSource, Source, SourceKind

    rng = random.Random(SEED)
    stamps = {"created_at": CREATED_AT, "updated_at": CREATED_AT}
    countries = ["AZ", "GE", "MD", "UA", "AM", "KZ", "UZ", "JO", "TN", "MA"]
    cities = ["Baku", "Tbilisi", "Chișinău", "Kyiv", "Yerevan", "Astana", "Amman", "Tunis"]
    text = (
        "Staff officers planned the movement and sustainment of a multinational brigade, "
        "from reception and staging to onward movement, under a crisis-response scenario. "
    )

    def pick(choices: type, number: int) -> str:
        return list(choices)[number % len(choices)]

    def day(start: datetime.date, spread_days: int) -> datetime.date:
        return start + datetime.timedelta(days=rng.randrange(spread_days))

    def create(model: type, objects: list) -> list:
        return model.objects.bulk_create(objects, batch_size=2000)

    top = max(1, min(100, rows // 10))
    organisations = [
        Organisation(
            slug=f"organisation-{number:06d}",
            name_en=f"Organisation {number}",
            name_fr=f"Organisation {number} (fr)",
            acronym=f"ORG{number}",
            kind=pick(OrganisationKind, number),
            country=countries[number % len(countries)],
            website=f"https://example.org/organisation-{number}",
            serial_prefix="BENCH" if number == 0 else "",
            **stamps,
        )
        for number in range(rows)
    ]
    create(Organisation, organisations[:top])
    for number, organisation in enumerate(organisations[top:], start=top):
        organisation.parent = organisations[number % top]
    create(Organisation, organisations[top:])

    programmes = create(
        Programme,
        [
            Programme(
                slug=f"programme-{number:06d}",
                kind=pick(ProgrammeKind, number),
                title_en=f"Cooperation programme {number}",
                title_fr=f"Programme de coopération {number}",
                partner=organisations[number],
                nato_side=organisations[(number + 1) % rows],
                start_year=2000 + number % 26,
                end_year=2001 + number % 26,
                status=pick(ProgrammeStatus, number),
                description_en=text,
                description_fr=text,
                **stamps,
            )
            for number in range(rows)
        ],
    )
    courses = []
    for number in range(rows):
        start = day(datetime.date(2000, 1, 1), 27 * 365)
        courses.append(
            Course(
                slug=f"course-{number:06d}",
                programme=programmes[number],
                title_en=f"Logistics planning {number}",
                title_fr=f"Planification logistique {number}",
                pcm_activity=f"PCM-{number:06d}",
                city=cities[number % len(cities)],
                country=countries[number % len(countries)],
                start_date=start,
                start_precision=DatePrecision.DAY,
                end_date=start + datetime.timedelta(days=4),
                end_precision=DatePrecision.DAY,
                delivered_by=organisations[(number * 7) % rows],
                organised_by=organisations[number],
                status=CourseStatus.HELD,
                summary_en=text,
                summary_fr=text,
                outcome_en=text,
                certificates_awarded=True,
                **stamps,
            )
        )
    create(Course, courses)
    create(
        CoursePart,
        [
            CoursePart(
                course=course,
                position=position,
                kind=pick(CoursePartKind, position),
                title_en=f"Lesson {position}",
                title_fr=f"Leçon {position}",
                scenario_en="Crisis response",
                description_en=text,
                audience_en="Staff officers",
            )
            for course in courses
            for position in (1, 2)
        ],
    )

    def source(number: int, reported_from: Source | None) -> Source:
        known = number % 10 != 0
        return Source(
            slug=f"source-{number:06d}",
            kind=pick(SourceKind, number),
            publisher=organisations[number],
            title=f"Course {number} announced",
            language="en",
            published_on=day(datetime.date(2000, 1, 1), 27 * 365) if known else None,
            published_precision=DatePrecision.DAY if known else DatePrecision.UNKNOWN,
            url=f"https://example.org/news/{number}",
            excerpt=text,
            reported_from=reported_from,
            **stamps,
        )

    # Half of the sources are originals; the other half each report one of them.
    originals = create(Source, [source(number, None) for number in range(rows - rows // 2)])
    reports = create(
        Source,
        [
            source(number, originals[number % len(originals)])
            for number in range(len(originals), rows)
        ],
    )
    sources = originals + reports
    create(
        CourseSource,
        [CourseSource(course=c, source=s) for c, s in zip(courses, sources, strict=True)],
    )
    create(
        ProgrammeSource,
        [ProgrammeSource(programme=p, source=s) for p, s in zip(programmes, sources, strict=True)],
    )

    people = create(
        Person,
        [
            Person(
                uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                family_name=f"Əliyev{number:06d}",
                given_names="Şəhriyar",
                patronymic="Ağa oğlu",
                rank="Major",
                service=pick(Service, number),
                unit=f"Unit {number % 300}",
                organisation=organisations[number],
                nationality=countries[number % len(countries)],
                birth_date=day(datetime.date(1970, 1, 1), 30 * 365),
                email=f"person{number}@example.org",
                phone="+994 12 000 00 00",
                **stamps,
            )
            for number in range(rows)
        ],
    )
    trainers = create(
        Trainer,
        [
            Trainer(
                person=person,
                expertise="Logistics planning",
                affiliation=organisations[number],
                **stamps,
            )
            for number, person in enumerate(people[::10])
        ],
    )
    create(
        CourseTrainer,
        [
            CourseTrainer(
                course=course,
                trainer=trainers[number % len(trainers)],
                role=pick(TrainerRole, number),
            )
            for number, course in enumerate(courses)
        ],
    )
    enrolments = create(
        Enrolment,
        [
            Enrolment(
                course=course,
                person=people[(number * 3) % rows],
                status=EnrolmentStatus.COMPLETED,
                nominated_on=course.start_date - datetime.timedelta(days=30),
                completed_on=course.end_date,
                result="Passed",
                **stamps,
            )
            for number, course in enumerate(courses)
        ],
    )
    certificates = []
    for number, enrolment in enumerate(enrolments):
        course, person = enrolment.course, enrolment.person
        issuer = course.delivered_by
        certificates.append(
            Certificate(
                enrolment=enrolment,
                serial=f"BENCH-{course.end_date.year}-{number + 1:06d}",
                verification_code=f"{rng.getrandbits(256):064x}",
                issued_on=course.end_date,
                issued_by=issuer,
                status=CertificateStatus.VALID,
                holder_name=person.full_name,
                holder_family_name=person.family_name,
                course_title_en=course.title_en,
                course_title_fr=course.title_fr,
                course_start_date=course.start_date,
                course_start_precision=course.start_precision,
                course_end_date=course.end_date,
                course_end_precision=course.end_precision,
                course_city=course.city,
                course_country=course.country,
                programme_title_en=course.programme.title_en,
                programme_title_fr=course.programme.title_fr,
                issuer_name_en=issuer.name_en,
                issuer_name_fr=issuer.name_fr,
                languages=["en", "fr"],
                **stamps,
            )
        )
    create(Certificate, certificates)
    return {
        "organisations": len(organisations),
        "programmes": len(programmes),
        "courses": len(courses),
        "course parts": 2 * len(courses),
        "sources": len(sources),
        "people": len(people),
        "trainers": len(trainers),
        "course trainers": len(courses),
        "enrolments": len(enrolments),
        "certificates": len(certificates),
    }
