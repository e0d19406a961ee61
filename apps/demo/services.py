"""Demonstration data: a plausible register of any size, the same for the same seed.

``demo_data_generate`` removes the records it made before (``apps.demo.selectors``) and makes
them again, in bulk and in one transaction. It never reads, changes or refers to the seed's
records, and refuses to run beside records that neither it nor the seed made, unless forced.

What it makes for ``scale`` people: about 40 partner nations, each with its ministry of
defence; NATO, two joint force commands with their Mobile Training Teams, the NATO School and
the NATO Defense College with its DEEP team as deliverers (four serial prefixes); a programme
per partner and year (IPCP for Partnership for Peace nations, ITPP for the others) over the
last ten years and the next; a course for every 18 participants or so (8 to 28), with 1 to 4
parts and 1 to 3 trainers, held in the past, planned in the future, a few cancelled; one
trainer for every 60 people; an enrolment per participant and a second for one in eight;
certificates for the completed enrolments of held courses that awarded them, with gapless
serials per issuer and year, about 1.5 % corrected (superseded) and 0.7 % revoked; an
announcement per programme and, for most held courses, the ministry's announcement and a news
agency's report of it.

Generated rows get no history rows unless asked (``history=True`` doubles the time): they are
no one's edits. Dates follow ``today``: the same seed on the same day gives the same rows.
"""

import base64
import datetime
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, models, router, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import certificate_snapshot
from apps.core.dates import DatePrecision, period_end
from apps.courses.models import (
    Course,
    CoursePart,
    CourseStatus,
    CourseTrainer,
    TrainerRole,
)
from apps.demo import catalogue
from apps.demo.catalogue import NameStyle, Nation
from apps.demo.inserts import rows_insert, sequences_reset
from apps.demo.selectors import (
    DEMO_RECORDS,
    DEMO_SLUG_PREFIX,
    DEMO_UID_PREFIX,
    demo_records,
    foreign_record_counts,
    prefixes_taken,
)
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation, OrganisationKind
from apps.people.models import Person, Service, Trainer
from apps.programmes.models import Programme, ProgrammeKind, ProgrammeStatus
from apps.sources.models import CourseSource, ProgrammeSource, Source, SourceKind

MINIMUM_SCALE = 10
SCALE_ERROR = _("The scale is the number of people to make: at least {minimum}.")
FOREIGN_RECORDS_ERROR = _(
    "This database holds records that demonstration data did not make ({records}). "
    "Generate into an empty database (or one with only the seed), or force it."
)
RESTING_ON_DEMO_ERROR = _(
    "Records that demonstration data did not make rest on the ones it made before, so these "
    "cannot be replaced: {error}"
)
SERIAL_PREFIX_TAKEN_ERROR = _(
    "Organisations that demonstration data did not make use its serial prefixes ({prefixes})."
)
CHANGE_REASON = "Generated demonstration data (seed {seed})"
YEARS_BACK = 9
ONE_DAY = datetime.timedelta(days=1)
REVOKED_AT_HOUR = datetime.timedelta(hours=10)
PEOPLE_PER_TRAINER = 60
# The nations that train most, as the registers of the last years show.
BUSY_NATIONS = {"AZ": 4, "GE": 4, "UA": 4, "MD": 3, "AM": 2, "JO": 2, "KZ": 2, "BA": 2}
PFP_NATIONS = {"AZ", "GE", "UA", "MD", "AM", "KZ", "UZ", "KG", "TJ", "TM", "BA", "RS", "AT",
               "CH", "IE", "MT", "FI", "SE"}  # fmt: skip
PASSED = ("Passed", "Passed", "Passed", "Passed with distinction")
FAILED_RESULT = "Did not pass the final assessment"
CORRECTION_REASON = "The holder's name as in the passport: the patronymic was left out."
REVOCATION_REASON = "Issued in error: the participant did not complete the practical exercise."
UNITS = ("Staff of the General Staff", "Logistics Command", "1st Army Corps",
         "Military Academy", "Air Force Staff", "Naval Forces Staff", "Peacekeeping Battalion",
         "Engineer Brigade", "Signals Brigade", "Military Police Battalion")  # fmt: skip


@dataclass
class DemoReport:
    """What one generation made, what it replaced, and how long it took."""

    scale: int
    seed: int
    created: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def demo_data_generate(
    *,
    scale: int,
    seed: int,
    force: bool = False,
    history: bool = False,
    today: datetime.date | None = None,
) -> DemoReport:
    """Replace the demonstration data with ``scale`` people and all that goes with them.

    Refuses (``ValidationError``, code ``foreign_records``) when the database holds records
    that neither demonstration data nor the seed made, unless ``force``: then it generates
    beside them. ``history`` gives every generated record a history row.
    """
    if scale < MINIMUM_SCALE:
        raise ValidationError(SCALE_ERROR.format(minimum=MINIMUM_SCALE), code="scale")
    started = time.perf_counter()
    foreign = foreign_record_counts()
    if foreign and not force:
        records = ", ".join(f"{count} {name}" for name, count in foreign.items())
        raise ValidationError(FOREIGN_RECORDS_ERROR.format(records=records), code="foreign_records")
    taken = prefixes_taken()
    if taken:
        raise ValidationError(
            SERIAL_PREFIX_TAKEN_ERROR.format(prefixes=", ".join(taken)), code="serial_prefix_taken"
        )
    report = DemoReport(scale=scale, seed=seed)
    with transaction.atomic():
        report.removed = _remove_demo_data()
        build = _Build(seed=seed, today=today or timezone.localdate(), history=history)
        report.created = build.run(scale)
    report.seconds = time.perf_counter() - started
    return report


def _remove_demo_data() -> dict[str, int]:
    removed = {}
    for model, records in demo_records():
        if hasattr(model, "history"):
            history = model.history.model._default_manager
            history.filter(id__in=records.values("pk"))._raw_delete(history.db)
        # A raw DELETE: the collector would load every row (and simple-history would write a
        # history row for each). The caller checks the foreign keys afterwards, so a record
        # outside the generated data that rests on a removed one still stops it.
        count = records._raw_delete(records.db)
        if count:
            removed[model._meta.label] = count
    # Now, not at commit: a record that rests on a removed one stops it here, clearly.
    try:
        connections[router.db_for_write(Person)].check_constraints(
            table_names=[model._meta.db_table for model, _made in DEMO_RECORDS]
        )
    except IntegrityError as error:
        message = RESTING_ON_DEMO_ERROR.format(error=error)
        raise ValidationError(message, code="resting_on_demo") from error
    return removed


@dataclass
class _PlannedCourse:
    course: Course
    nation: Nation
    size: int
    participants: list[Person] = field(default_factory=list)


class _Build:
    """One generation: a seeded random stream, today, and the records made so far."""

    def __init__(self, *, seed: int, today: datetime.date, history: bool) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.history = history
        midnight = datetime.datetime.combine(today, datetime.time())
        self.stamp = timezone.make_aware(midnight) if timezone.is_naive(midnight) else midnight
        self.created: dict[str, int] = {}
        self.using = router.db_for_write(Person)
        self.inserted: set[type[models.Model]] = set()
        self.organisations: dict[str, Organisation] = {}
        self.ministries: dict[str, Organisation] = {}
        self.issuers: dict[str, Organisation] = {}
        self.agencies: list[tuple[Organisation, tuple[str, str, str, str]]] = []

    def run(self, scale: int) -> dict[str, int]:
        self.make_organisations()
        trainer_count = max(len(catalogue.TEACHING_DELIVERERS), scale // PEOPLE_PER_TRAINER)
        trainers = self.make_trainers(trainer_count)
        courses = self.plan_courses(scale - trainer_count)
        programmes = self.make_programmes(courses)
        self.make_courses(courses, programmes, trainers)
        enrolments = self.make_enrolments(courses)
        self.make_certificates(enrolments)
        self.make_sources(programmes, courses)
        sequences_reset(self.inserted, using=self.using)
        return self.created

    def save(self, model: type[models.Model], objects: list[Any]) -> list[Any]:
        """Insert in bulk, names folded; through the ORM, and slower, when history is asked."""
        if self.history and hasattr(model, "history"):
            bulk_create_with_history(
                objects,
                model,
                batch_size=2000,
                default_change_reason=CHANGE_REASON.format(seed=self.seed),
                default_date=self.stamp,
            )
        else:
            if hasattr(model, "fold_names"):
                for obj in objects:
                    obj.fold_names()
            rows_insert(model, objects, using=self.using)
            self.inserted.add(model)
        name = model._meta.label
        self.created[name] = self.created.get(name, 0) + len(objects)
        return objects

    def stamps(self) -> dict[str, datetime.datetime]:
        return {"created_at": self.stamp, "updated_at": self.stamp}

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randrange((last - first).days + 1))

    def make_organisations(self) -> None:
        nato = catalogue.NATO
        parents = [nato, *(d for d in catalogue.DELIVERERS if d.parent == "nato")]
        for group in (parents, [d for d in catalogue.DELIVERERS if d.parent != "nato"]):
            made = [
                Organisation(
                    slug=f"{DEMO_SLUG_PREFIX}{body.key}",
                    name_en=body.name_en,
                    name_fr=body.name_fr,
                    acronym=body.acronym,
                    kind=body.kind,
                    parent=self.organisations.get(body.parent),
                    serial_prefix=body.prefix,
                    **self.stamps(),
                )
                for body in group
            ]
            self.save(Organisation, made)
            for body, organisation in zip(group, made, strict=True):
                self.organisations[body.key] = organisation
        for body in catalogue.DELIVERERS:
            issuer = body
            while not issuer.prefix:
                issuer = next(d for d in catalogue.DELIVERERS if d.key == issuer.parent)
            self.issuers[body.key] = self.organisations[issuer.key]
        ministries = [
            Organisation(
                slug=f"{DEMO_SLUG_PREFIX}mod-{nation.code.lower()}",
                name_en=f"Ministry of Defence of {nation.name_en}",
                name_fr=f"Ministère de la Défense ({nation.name_fr})",
                kind=OrganisationKind.MINISTRY,
                country=nation.code,
                **self.stamps(),
            )
            for nation in catalogue.NATIONS
        ]
        agencies = [
            Organisation(
                slug=f"{DEMO_SLUG_PREFIX}{key}",
                name_en=name,
                name_fr=name,
                kind=OrganisationKind.NEWS_AGENCY,
                country=country,
                **self.stamps(),
            )
            for key, name, country, _language in catalogue.NEWS_AGENCIES
        ]
        self.save(Organisation, ministries + agencies)
        self.ministries = {o.country.code: o for o in ministries}
        self.agencies = list(zip(agencies, catalogue.NEWS_AGENCIES, strict=True))

    def person(self, style: NameStyle, nationality: str, **fields: Any) -> Person:
        rng = self.rng
        female = rng.random() < 0.15
        family = rng.choice(style.family)
        if female:
            for male_ending, female_ending in style.feminine:
                if family.endswith(male_ending):
                    family = family[: -len(male_ending)] + female_ending
                    break
        patronymics = style.female_patronymics if female else style.male_patronymics
        return Person(
            uid=uuid.UUID(int=(DEMO_UID_PREFIX << 96) | rng.getrandbits(96), version=4),
            family_name=family,
            given_names=rng.choice(style.female if female else style.male),
            patronymic=rng.choice(patronymics) if patronymics else "",
            nationality=nationality,
            birth_date=self.day_between(datetime.date(1965, 1, 1), datetime.date(2001, 12, 31)),
            **fields,
            **self.stamps(),
        )

    def make_trainers(self, count: int) -> dict[str, list[Trainer]]:
        """Trainers by the key of the deliverer they train for."""
        rng = self.rng
        teams = catalogue.TEACHING_DELIVERERS
        keys = [teams[number % len(teams)] for number in range(count)]
        people = [
            self.person(
                catalogue.NAME_STYLES[rng.choice(catalogue.TRAINER_STYLES)],
                rng.choice(catalogue.TRAINER_NATIONALITIES),
                rank=rng.choice(catalogue.RANKS[3:]),
                service=Service.JOINT,
                organisation=self.organisations[key],
            )
            for key in keys
        ]
        self.save(Person, people)
        trainers = [
            Trainer(
                person=person,
                expertise=rng.choice(catalogue.EXPERTISE),
                affiliation=self.organisations[key],
                **self.stamps(),
            )
            for person, key in zip(people, keys, strict=True)
        ]
        self.save(Trainer, trainers)
        by_deliverer: dict[str, list[Trainer]] = defaultdict(list)
        for trainer, key in zip(trainers, keys, strict=True):
            by_deliverer[key].append(trainer)
        return by_deliverer

    def plan_courses(self, participants: int) -> list[_PlannedCourse]:
        """Courses of 8 to 28 participants until every participant has one."""
        rng = self.rng
        weights = [BUSY_NATIONS.get(nation.code, 1) for nation in catalogue.NATIONS]
        planned, placed = [], 0
        while placed < participants:
            size = min(rng.randint(8, 28), participants - placed)
            nation = rng.choices(catalogue.NATIONS, weights)[0]
            course = self.course(len(planned), nation)
            planned.append(_PlannedCourse(course=course, nation=nation, size=size))
            placed += size
        return planned

    def course(self, number: int, nation: Nation) -> Course:
        rng, today = self.rng, self.today
        year = rng.randint(today.year - YEARS_BACK, today.year + 1)
        precision = DatePrecision.DAY
        if year < today.year:
            precision = rng.choices(
                [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR], [90, 6, 4]
            )[0]
        if precision == DatePrecision.DAY:
            start = self.day_between(datetime.date(year, 1, 8), datetime.date(year, 12, 10))
            end = start + datetime.timedelta(days=rng.randint(2, 11))
            if start <= today <= end:  # none is under way today: this one ended yesterday
                start, end = today - (end - start) - ONE_DAY, today - ONE_DAY
        else:
            start = datetime.date(year, rng.randint(1, 12) if precision == "month" else 1, 1)
            end = period_end(start, precision)
        if start > today:
            status = CourseStatus.PLANNED
            awarded = None
        elif rng.random() < 0.03:
            status, awarded = CourseStatus.CANCELLED, False
        else:
            status = CourseStatus.HELD
            awarded = True if rng.random() < 0.85 else None
        title_en, title_fr = rng.choice(catalogue.COURSES)
        deliverer = rng.choice(catalogue.TEACHING_DELIVERERS)
        slug = f"{DEMO_SLUG_PREFIX}{year}-{nation.code.lower()}-{number:06d}-{slugify(title_en)}"
        return Course(
            slug=slug[:120],
            title_en=title_en,
            title_fr=title_fr,
            pcm_activity=f"{nation.code}-{year}-{rng.randint(1, 999):03d}"
            if rng.random() < 0.5
            else "",
            city=nation.capital,
            country=nation.code,
            start_date=start,
            start_precision=precision,
            end_date=end,
            end_precision=precision,
            delivered_by=self.organisations[deliverer],
            organised_by=self.ministries[nation.code],
            status=status,
            summary_en=f"{title_en} for the armed forces of {nation.name_en}, "
            f"held in {nation.capital}.",
            summary_fr=f"{title_fr}, pour les forces armées ({nation.name_fr}), "
            f"à {nation.capital}.",
            certificates_awarded=awarded,
            **self.stamps(),
        )

    def make_programmes(self, planned: list[_PlannedCourse]) -> dict[tuple[str, int], Programme]:
        """A programme per partner and year that has a course."""
        today = self.today
        keys = sorted({(p.nation.code, p.course.start_date.year) for p in planned})
        nations = {nation.code: nation for nation in catalogue.NATIONS}
        programmes = {}
        for code, year in keys:
            nation = nations[code]
            if code in PFP_NATIONS:
                kind = ProgrammeKind.IPCP
                name_en, name_fr = (
                    "Individual Partnership Cooperation Programme (IPCP)",
                    "Programme de coopération de partenariat individuel (IPCP)",
                )
            else:
                kind = ProgrammeKind.ITPP
                name_en, name_fr = (
                    "Individually Tailored Partnership Programme (ITPP)",
                    "Programme de partenariat individuel adapté (ITPP)",
                )
            status = (
                ProgrammeStatus.COMPLETED
                if year < today.year
                else ProgrammeStatus.IN_FORCE
                if year == today.year
                else ProgrammeStatus.DRAFT
            )
            programmes[code, year] = Programme(
                slug=f"{DEMO_SLUG_PREFIX}{kind}-{year}-{code.lower()}",
                kind=kind,
                title_en=f"{name_en} for {year} between the Ministry of Defence of "
                f"{nation.name_en} and NATO",
                title_fr=f"{name_fr} pour {year} entre le ministère de la Défense "
                f"({nation.name_fr}) et l'OTAN",
                partner=self.ministries[code],
                nato_side=self.organisations["nato"],
                start_year=year,
                end_year=year,
                status=status,
                description_en=f"The cooperation activities agreed with {nation.name_en} "
                f"for {year}.",
                description_fr=f"Les activités de coopération convenues pour {year} "
                f"({nation.name_fr}).",
                **self.stamps(),
            )
        self.save(Programme, list(programmes.values()))
        return programmes

    def make_courses(
        self,
        planned: list[_PlannedCourse],
        programmes: dict[tuple[str, int], Programme],
        trainers: dict[str, list[Trainer]],
    ) -> None:
        rng = self.rng
        for item in planned:
            item.course.programme = programmes[item.nation.code, item.course.start_date.year]
        self.save(Course, [item.course for item in planned])
        parts, roles = [], []
        for item in planned:
            course = item.course
            chosen = sorted(rng.sample(range(len(catalogue.PARTS)), rng.randint(1, 4)))
            scenario = rng.choice(catalogue.SCENARIOS)
            audience = rng.choice(catalogue.AUDIENCES)
            for position, index in enumerate(chosen, start=1):
                kind, title_en, title_fr = catalogue.PARTS[index]
                exercise = kind == "practical_exercise"
                parts.append(
                    CoursePart(
                        course=course,
                        position=position,
                        kind=kind,
                        title_en=title_en,
                        title_fr=title_fr,
                        scenario_en=scenario[0] if exercise else "",
                        scenario_fr=scenario[1] if exercise else "",
                        audience_en=audience[0],
                        audience_fr=audience[1],
                    )
                )
            team = trainers[course.delivered_by.slug.removeprefix(DEMO_SLUG_PREFIX)]
            for number, trainer in enumerate(rng.sample(team, min(len(team), rng.randint(1, 3)))):
                role = (
                    TrainerRole.LEAD
                    if number == 0
                    else rng.choice(
                        [TrainerRole.INSTRUCTOR, TrainerRole.INSTRUCTOR, TrainerRole.GUEST_SPEAKER]
                    )
                )
                roles.append(CourseTrainer(course=course, trainer=trainer, role=role))
        self.save(CoursePart, parts)
        self.save(CourseTrainer, roles)

    def make_enrolments(self, planned: list[_PlannedCourse]) -> list[Enrolment]:
        """The participants, each on a course of their nation; one in eight on a second."""
        rng = self.rng
        people = []
        for item in planned:
            nation = item.nation
            cyrillic = rng.random() < nation.cyrillic_share
            style = catalogue.NAME_STYLES[nation.cyrillic_names if cyrillic else nation.names]
            for _place in range(item.size):
                service = rng.choices(list(Service), [40, 15, 15, 15, 5, 10])[0]
                person = self.person(
                    style,
                    nation.code,
                    rank="" if service == Service.CIVILIAN else rng.choice(catalogue.RANKS),
                    service=service,
                    unit=rng.choice(UNITS) if service != Service.CIVILIAN else "",
                    organisation=self.ministries[nation.code] if rng.random() < 0.9 else None,
                )
                item.participants.append(person)
                people.append(person)
        self.save(Person, people)
        by_nation: dict[str, list[_PlannedCourse]] = defaultdict(list)
        for item in planned:
            by_nation[item.nation.code].append(item)
        enrolments = []
        for item in planned:
            for person in item.participants:
                enrolments.append(self.enrolment(item.course, person))
                others = by_nation[item.nation.code]
                if len(others) > 1 and rng.random() < 0.125:
                    other = rng.choice(others)
                    if other is not item:
                        enrolments.append(self.enrolment(other.course, person))
        return self.save(Enrolment, enrolments)

    def enrolment(self, course: Course, person: Person) -> Enrolment:
        rng = self.rng
        if course.status == CourseStatus.PLANNED:
            statuses, weights = ["nominated", "confirmed", "withdrawn"], [60, 35, 5]
        elif course.status == CourseStatus.CANCELLED:
            statuses, weights = ["nominated", "withdrawn"], [30, 70]
        else:
            statuses = ["completed", "attended", "failed", "withdrawn", "confirmed", "nominated"]
            weights = [80, 4, 4, 6, 4, 2]
        status = rng.choices(statuses, weights)[0]
        start = course.start_date
        nominated = min(self.today, start - datetime.timedelta(days=rng.randint(14, 90)))
        completed, result = None, ""
        if status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.FAILED):
            known = course.start_precision == DatePrecision.DAY or rng.random() < 0.7
            completed = course.end_date if known else None
            result = rng.choice(PASSED) if status == EnrolmentStatus.COMPLETED else FAILED_RESULT
        return Enrolment(
            course=course,
            person=person,
            status=status,
            nominated_on=nominated,
            completed_on=completed,
            result=result,
            **self.stamps(),
        )

    def make_certificates(self, enrolments: list[Enrolment]) -> None:
        """Certificates with gapless serials per issuer and year; some corrected or revoked."""
        rng, today = self.rng, self.today
        originals, corrections = [], []
        for enrolment in enrolments:
            course = enrolment.course
            if enrolment.status != EnrolmentStatus.COMPLETED or not course.certificates_awarded:
                continue
            issuer = self.issuers[course.delivered_by.slug.removeprefix(DEMO_SLUG_PREFIX)]
            issued_on = min(today, course.end_date + datetime.timedelta(days=rng.randint(0, 14)))
            certificate = Certificate(
                enrolment=enrolment,
                issued_on=issued_on,
                issued_by=issuer,
                verification_code=self.verification_code(),
                **certificate_snapshot(enrolment, issuer),
                **self.stamps(),
            )
            originals.append(certificate)
            person = enrolment.person
            if person.patronymic and rng.random() < 0.03:
                certificate.holder_name = f"{person.family_name} {person.given_names}"
                certificate.status = CertificateStatus.SUPERSEDED
                corrected_on = issued_on + datetime.timedelta(days=rng.randint(14, 365))
                corrections.append(
                    Certificate(
                        enrolment=enrolment,
                        issued_on=min(today, corrected_on),
                        issued_by=issuer,
                        verification_code=self.verification_code(),
                        supersedes=certificate,
                        supersession_reason=CORRECTION_REASON,
                        **certificate_snapshot(enrolment, issuer),
                        **self.stamps(),
                    )
                )
            elif rng.random() < 0.007 and issued_on < today - ONE_DAY:
                revoked_on = self.day_between(issued_on + ONE_DAY, today - ONE_DAY)
                certificate.status = CertificateStatus.REVOKED
                certificate.revocation_reason = REVOCATION_REASON
                certificate.revoked_at = self.stamp - (today - revoked_on) + REVOKED_AT_HOUR
        counters = self.number(originals + corrections)
        self.save(Certificate, originals)
        self.save(Certificate, corrections)  # after the originals they supersede
        self.save(SerialCounter, counters)

    def number(self, certificates: list[Certificate]) -> list[SerialCounter]:
        """Serials PREFIX-YEAR-NUMBER in order of issue, and each issuer's counter per year."""
        last: dict[tuple[Organisation, int], int] = defaultdict(int)
        # Stable: certificates issued by one issuer on one day keep the order they came in.
        by_issue = sorted(certificates, key=lambda c: (c.issued_by.serial_prefix, c.issued_on))
        for certificate in by_issue:
            key = (certificate.issued_by, certificate.issued_on.year)
            last[key] += 1
            prefix = certificate.issued_by.serial_prefix
            certificate.serial = f"{prefix}-{key[1]}-{last[key]:06d}"
        return [
            SerialCounter(issuer=issuer, year=year, last_number=number)
            for (issuer, year), number in last.items()
        ]

    def verification_code(self) -> str:
        """Like ``secrets.token_urlsafe(32)``, but from the seeded stream."""
        return base64.urlsafe_b64encode(self.rng.randbytes(32)).rstrip(b"=").decode()

    def make_sources(
        self, programmes: dict[tuple[str, int], Programme], planned: list[_PlannedCourse]
    ) -> None:
        """The ministry announces each programme and most held courses; agencies report them."""
        rng, today = self.rng, self.today
        nations = {nation.code: nation for nation in catalogue.NATIONS}
        announcements, programme_links = [], []
        for (code, year), programme in programmes.items():
            nation = nations[code]
            published = min(today, datetime.date(year, 1, 10) + rng.randint(0, 60) * ONE_DAY)
            source = Source(
                slug=f"{programme.slug}-announcement",
                kind=SourceKind.ANNOUNCEMENT,
                publisher=programme.partner,
                title=f"{nation.name_en} and NATO agree their cooperation for {year}",
                language=nation.language,
                published_on=published,
                published_precision=DatePrecision.DAY,
                url=f"https://mod-{code.lower()}.example.org/news/{year}/programme",
                **self.stamps(),
            )
            announcements.append(source)
            programme_links.append((source, programme))
        course_announcements, reports, course_links = [], [], []
        for item in planned:
            course = item.course
            if course.status != CourseStatus.HELD or rng.random() < 0.3:
                continue
            known = course.end_precision == DatePrecision.DAY
            announcement = Source(
                slug=f"{course.slug[:100]}-announcement",
                kind=SourceKind.ANNOUNCEMENT,
                publisher=course.organised_by,
                title=f"{course.title_en} held in {course.city}",
                language=item.nation.language,
                published_on=course.end_date if known else None,
                published_precision=DatePrecision.DAY if known else DatePrecision.UNKNOWN,
                url=f"https://mod-{item.nation.code.lower()}.example.org/news/{course.slug}",
                excerpt=course.summary_en,
                **self.stamps(),
            )
            course_announcements.append(announcement)
            course_links.append((announcement, course))
            if rng.random() < 0.5:
                agency, (key, _name, _country, language) = rng.choice(self.agencies)
                report = Source(
                    slug=f"{course.slug[:100]}-{key}",
                    kind=SourceKind.NEWS_REPORT,
                    publisher=agency,
                    title=f"NATO trainers teach {course.title_en.lower()} in {course.city}",
                    language=language,
                    published_on=announcement.published_on,
                    published_precision=announcement.published_precision,
                    url=f"https://{key}.example.org/{course.slug}",
                    reported_from=announcement,
                    **self.stamps(),
                )
                reports.append(report)
                course_links.append((report, course))
        self.save(Source, announcements + course_announcements)
        self.save(Source, reports)
        self.save(
            ProgrammeSource, [ProgrammeSource(source=s, programme=p) for s, p in programme_links]
        )
        self.save(CourseSource, [CourseSource(source=s, course=c) for s, c in course_links])
