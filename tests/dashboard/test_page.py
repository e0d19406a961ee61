"""The dashboard on the admin's first page: what each role sees, where each item leads."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from apps.accounts.roles import REGISTRAR, VIEWER
from apps.certificates.models import Certificate, CertificateStatus
from apps.courses.models import Course, CourseStatus
from apps.enrolments.models import Enrolment, EnrolmentStatus
from tests.dashboard.conftest import held_course_ended_last_month
from tests.factories import CertificateFactory, CourseFactory, EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/"
BLOCKS = ("dashboard-upcoming", "dashboard-awaiting", "dashboard-failures", "dashboard-figures")


@pytest.fixture
def records(issuer) -> dict[str, object]:
    """One of each thing the dashboard shows, this year."""
    today = timezone.localdate()
    upcoming = CourseFactory(
        status=CourseStatus.PLANNED,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=14),
    )
    CourseFactory(
        status=CourseStatus.PLANNED,
        start_date=today + datetime.timedelta(days=90),
        end_date=today + datetime.timedelta(days=91),
    )
    held = held_course_ended_last_month(delivered_by=issuer)
    waiting = EnrolmentFactory.create_batch(2, course=held, completed=True)
    certified = EnrolmentFactory(course=held, completed=True)
    certificate = CertificateFactory(
        enrolment=certified, issued_on=today, pdf_failed_at=timezone.now()
    )
    revoked = CertificateFactory(
        enrolment=EnrolmentFactory(course=held, completed=True),
        issued_on=today,
        status=CertificateStatus.REVOKED,
        revoked_at=timezone.now(),
        revocation_reason="Issued in error.",
    )
    return {
        "upcoming": upcoming,
        "held": held,
        "waiting": waiting,
        "certificate": certificate,
        "revoked": revoked,
    }


def staff_with(*codenames: str, group: str | None = None):
    user = UserFactory(username="staff", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    for codename in codenames:
        app_label, name = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=name)
        )
    return user


def listed_pks(client, url: str) -> set[int]:
    response = client.get(url)
    assert response.status_code == 200, url
    return {obj.pk for obj in response.context["cl"].result_list}


def test_each_item_links_to_exactly_the_records_behind_it(admin_client, records):
    today = timezone.localdate()
    response = admin_client.get(INDEX)
    links = response.context["dashboard_links"]
    board = response.context["dashboard"]

    assert listed_pks(admin_client, links.upcoming) == {records["upcoming"].pk}
    assert listed_pks(admin_client, links.awaiting) == {records["held"].pk}
    assert listed_pks(admin_client, links.awaiting_rows[0].awaiting_url) == {
        enrolment.pk for enrolment in records["waiting"]
    }
    assert listed_pks(admin_client, links.pdf_failed) == {records["certificate"].pk}
    assert listed_pks(admin_client, links.courses_held) == set(
        Course.objects.filter(status=CourseStatus.HELD, start_date__year=today.year).values_list(
            "pk", flat=True
        )
    )
    assert listed_pks(admin_client, links.participants_trained) == set(
        Enrolment.objects.filter(
            status=EnrolmentStatus.COMPLETED, course__start_date__year=today.year
        ).values_list("pk", flat=True)
    )
    assert listed_pks(admin_client, links.certificates_issued) == set(
        Certificate.objects.values_list("pk", flat=True)
    )
    assert listed_pks(admin_client, links.certificates_revoked) == {records["revoked"].pk}
    assert board.upcoming.count == 1
    assert board.awaiting_certificates.courses[0].awaiting == 2
    assert board.pdf_failed == 1
    figures = board.figures
    counts = (figures.certificates_issued, figures.certificates_revoked)
    assert counts == (2, 1)


def test_the_dashboard_sits_above_the_list_of_models(admin_client, records):
    html = admin_client.get(INDEX).content.decode()

    positions = [html.index(f'id="{block}"') for block in BLOCKS]
    assert positions == sorted(positions)
    assert positions[-1] < html.index('class="app-courses module')
    assert records["upcoming"].title_en in html
    assert "1 course starting in the next 60 days" in html
    assert "1 held course awaiting certificates" in html
    assert "2 completed enrolments" in html
    assert "1 certificate PDF failed to render" in html


@pytest.mark.parametrize(
    ("role", "blocks", "issue_button"),
    [
        ("registrar", BLOCKS, True),
        ("viewer", BLOCKS, False),
        ("courses_only", ("dashboard-upcoming", "dashboard-figures"), False),
        ("certificates_only", ("dashboard-failures", "dashboard-figures"), False),
    ],
)
def test_each_user_sees_only_the_blocks_their_permissions_allow(
    client, records, role, blocks, issue_button
):
    user = {
        "registrar": lambda: staff_with(group=REGISTRAR),
        "viewer": lambda: staff_with(group=VIEWER),
        "courses_only": lambda: staff_with("courses.view_course"),
        "certificates_only": lambda: staff_with("certificates.view_certificate"),
    }[role]()
    client.force_login(user)

    html = client.get(INDEX).content.decode()

    assert [block for block in BLOCKS if f'id="{block}"' in html] == list(blocks)
    assert ('value="issue_certificates"' in html) is issue_button
    assert ("Participants trained" in html) is (role in {"registrar", "viewer"})
    assert ("Certificates issued" in html) is (role != "courses_only")
    assert ("Courses held" in html) is (role != "certificates_only")


def test_an_empty_register_says_there_is_nothing_to_do(admin_client):
    html = admin_client.get(INDEX).content.decode()

    assert "No course starts in the next 60 days." in html
    assert "No held course awaits certificates." in html
    assert "No certificate PDF failed to render." in html
    board = admin_client.get(INDEX).context["dashboard"]
    figures = board.figures
    assert (figures.courses_held, figures.participants_trained) == (0, 0)
    assert (figures.certificates_issued, figures.certificates_revoked) == (0, 0)


def test_the_dashboard_costs_the_same_queries_for_one_course_or_many(
    client, issuer, django_assert_num_queries, sessions_in_the_database
):
    client.force_login(staff_with(group=REGISTRAR))
    today = timezone.localdate()

    def add_records():
        CourseFactory(
            status=CourseStatus.PLANNED,
            start_date=today + datetime.timedelta(days=5),
            end_date=today + datetime.timedelta(days=6),
        )
        held = held_course_ended_last_month(delivered_by=issuer)
        EnrolmentFactory(course=held, completed=True)
        CertificateFactory(enrolment=EnrolmentFactory(course=held, completed=True))

    # The session and its user, the user's and groups' permissions, the upcoming courses,
    # the courses awaiting certificates, the courses held, the participants trained, the
    # certificates issued, revoked and failed (three counts, each from an index), and
    # Django's "recent actions".
    add_records()
    with django_assert_num_queries(12):
        assert client.get(INDEX).status_code == 200
    for _ in range(15):
        add_records()

    with django_assert_num_queries(12):
        response = client.get(INDEX)
    assert response.context["dashboard"].awaiting_certificates.count == 16


def test_the_issue_button_opens_the_issuing_preview_and_issues(client, records):
    client.force_login(staff_with(group=REGISTRAR))
    html = client.get(INDEX).content.decode()
    form = re.search(
        r'<form method="post" action="([^"]+)" class="dashboard-issue">(.*?)</form>', html, re.S
    )
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)"', form.group(2)))

    preview = client.post(form.group(1), fields)

    assert preview.status_code == 200
    assert (
        preview.templates[0].name
        == "admin/certificates/course_issue_certificates_confirmation.html"
    )
    assert preview.context["to_issue"] == 2
    assert Certificate.objects.count() == 2  # a preview issues nothing

    issued = client.post(form.group(1), {**fields, "post": "yes"})

    assert issued.status_code == 302
    assert Certificate.objects.filter(enrolment__in=records["waiting"]).count() == 2
    after = client.get(INDEX).context["dashboard"]
    assert after.awaiting_certificates.count == 0


def test_the_dashboard_speaks_french_to_a_french_browser(admin_client, records):
    html = admin_client.get(INDEX, headers={"accept-language": "fr"}).content.decode()

    assert "1 formation commençant dans les 60 prochains jours" in html
    assert "Formations tenues" in html
    assert "Délivrer les attestations" in html
    assert "2 inscriptions achevées" in html


@pytest.mark.parametrize(
    ("url", "parameters"),
    [
        ("/admin/enrolments/enrolment/", {"course_year": "abc"}),
        ("/admin/enrolments/enrolment/", {"course_year": "99999999999999999999"}),
        ("/admin/enrolments/enrolment/", {"course_year": "0"}),
        ("/admin/enrolments/enrolment/", {"certificate": "nonsense"}),
        ("/admin/courses/course/", {"certificates": "nonsense", "starts": "nonsense"}),
    ],
)
def test_the_dashboards_list_filters_ignore_values_they_do_not_offer(
    admin_client, records, url, parameters
):
    unfiltered = listed_pks(admin_client, url)

    assert listed_pks(admin_client, f"{url}?{urlencode(parameters)}") == unfiltered
