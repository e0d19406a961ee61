"""Certificates for completed enrolments, with gapless serials per issuer and year; about
1.5 % corrected (superseded) and 0.7 % revoked."""

import base64
import datetime
from collections import defaultdict

from apps.certificates.models import Certificate, CertificateStatus, SerialCounter
from apps.certificates.services import certificate_snapshot
from apps.demo.build.context import ONE_DAY, Build
from apps.demo.selectors import DEMO_SLUG_PREFIX
from apps.enrolments.models import Enrolment, EnrolmentStatus
from apps.organisations.models import Organisation

REVOKED_AT_HOUR = datetime.timedelta(hours=10)
CORRECTION_REASON = "The holder's name as in the passport: the patronymic was left out."
REVOCATION_REASON = "Issued in error: the participant did not complete the practical exercise."


def certificates_make(build: Build, enrolments: list[Enrolment]) -> None:
    """Certificates with gapless serials per issuer and year; some corrected or revoked."""
    rng, today = build.rng, build.today
    originals, corrections = [], []
    for enrolment in enrolments:
        course = enrolment.course
        if enrolment.status != EnrolmentStatus.COMPLETED or not course.certificates_awarded:
            continue
        issuer = build.issuers[course.delivered_by.slug.removeprefix(DEMO_SLUG_PREFIX)]
        issued_on = min(today, course.end_date + datetime.timedelta(days=rng.randint(0, 14)))
        certificate = Certificate(
            enrolment=enrolment,
            issued_on=issued_on,
            issued_by=issuer,
            verification_code=_verification_code(build),
            **certificate_snapshot(enrolment, issuer),
            **build.stamps(),
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
                    verification_code=_verification_code(build),
                    supersedes=certificate,
                    supersession_reason=CORRECTION_REASON,
                    **certificate_snapshot(enrolment, issuer),
                    **build.stamps(),
                )
            )
        elif rng.random() < 0.007 and issued_on < today - ONE_DAY:
            revoked_on = build.day_between(issued_on + ONE_DAY, today - ONE_DAY)
            certificate.status = CertificateStatus.REVOKED
            certificate.revocation_reason = REVOCATION_REASON
            certificate.revoked_at = build.stamp - (today - revoked_on) + REVOKED_AT_HOUR
    counters = _number(originals + corrections)
    build.save(Certificate, originals)
    build.save(Certificate, corrections)  # after the originals they supersede
    build.save(SerialCounter, counters)


def _number(certificates: list[Certificate]) -> list[SerialCounter]:
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


def _verification_code(build: Build) -> str:
    """Like ``secrets.token_urlsafe(32)``, but from the seeded stream."""
    return base64.urlsafe_b64encode(build.rng.randbytes(32)).rstrip(b"=").decode()
