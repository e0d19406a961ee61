"""Possible duplicates across the register: found across scripts, blocked, bounded, guarded."""

import datetime

import pytest
from django.urls import reverse

from apps.people.duplicates import (
    COMMON_NAME_HOLDERS,
    NEAR_NAMES_SCORE,
    DuplicatePair,
    DuplicateReason,
    duplicate_pairs,
)
from apps.people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings):
    """The counts include reading the session from the database, as without Redis.

    With ``REDIS_URL`` set (CI's PostgreSQL pass) sessions are ``cached_db``: a session read
    from the cache costs no query, and the count would differ between the two passes.
    """
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


DUPLICATES = "/api/v1/people/duplicates/"
BORN = datetime.date(1988, 5, 17)
DAY = datetime.timedelta(days=1)
QUERIES_PER_ADMIN_PAGE = 6


def pair_of(a: Person, b: Person) -> tuple[int, int]:
    return (min(a.pk, b.pk), max(a.pk, b.pk))


def pairs_by_people() -> dict[tuple[int, int], DuplicatePair]:
    return {(pair.person_id, pair.other_id): pair for pair in duplicate_pairs()}


def test_one_name_in_three_scripts_with_one_birth_date_makes_three_certain_pairs():
    azerbaijani = PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    passport = PersonFactory(family_name="ALIYEV", given_names="Rashad", birth_date=BORN)
    cyrillic = PersonFactory(family_name="Алиев", given_names="Рашад", birth_date=BORN)

    pairs = pairs_by_people()

    expected = {pair_of(azerbaijani, passport), pair_of(azerbaijani, cyrillic)}
    expected.add(pair_of(passport, cyrillic))
    assert set(pairs) == expected
    for pair in pairs.values():
        assert pair.score == 100
        assert pair.reason == DuplicateReason.SAME_NAME_AND_BIRTH_DATE
        assert pair.reason.label == "same folded name and birth date"


def test_the_same_name_with_one_birth_date_unknown_is_a_likely_pair():
    dated = PersonFactory(family_name="Məmmədov", given_names="Elçin", birth_date=BORN)
    undated = PersonFactory(family_name="Мамедов", given_names="Эльчин", birth_date=None)

    (pair,) = duplicate_pairs()

    assert (pair.person_id, pair.other_id) == pair_of(dated, undated)
    assert pair.reason == DuplicateReason.SAME_NAME_ONE_BIRTH_DATE_UNKNOWN
    assert pair.score == 90


def test_the_same_name_without_any_birth_date_is_a_less_likely_pair():
    PersonFactory(family_name="Həsənov", given_names="Orxan", birth_date=None)
    PersonFactory(family_name="Гасанов", given_names="Орхан", birth_date=None)

    (pair,) = duplicate_pairs()

    assert pair.reason == DuplicateReason.SAME_NAME_BIRTH_DATES_UNKNOWN
    assert pair.score == 80


def test_names_a_typing_error_apart_with_one_birth_date_are_near_names():
    typed = PersonFactory(family_name="Quliyev", given_names="Kamran", birth_date=BORN)
    mistyped = PersonFactory(family_name="Quliyev", given_names="Kamal", birth_date=BORN)

    (pair,) = duplicate_pairs()

    assert (pair.person_id, pair.other_id) == pair_of(typed, mistyped)
    assert pair.reason == DuplicateReason.NEAR_NAMES_SAME_BIRTH_DATE
    assert NEAR_NAMES_SCORE <= pair.score < 100


def test_a_mistyped_family_name_is_found_through_the_birth_date():
    PersonFactory(family_name="Hüseynov", given_names="Tural", birth_date=BORN)
    PersonFactory(family_name="Hüsseynova", given_names="Tural", birth_date=BORN)

    (pair,) = duplicate_pairs()

    assert pair.reason == DuplicateReason.NEAR_NAMES_SAME_BIRTH_DATE


def test_near_given_names_in_one_family_with_a_birth_date_unknown_score_lower():
    PersonFactory(family_name="Quliyev", given_names="Kamran", birth_date=BORN)
    PersonFactory(family_name="Quliyev", given_names="Kamal", birth_date=None)

    (pair,) = duplicate_pairs()

    assert pair.reason == DuplicateReason.NEAR_NAMES_BIRTH_DATE_UNKNOWN
    assert pair.score < NEAR_NAMES_SCORE


def test_people_in_different_blocks_are_never_paired():
    # The same name, born on different days: two people.
    PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    PersonFactory(family_name="Aliyev", given_names="Rashad", birth_date=datetime.date(1990, 1, 2))
    # Near names, but different family names and no birth date to bring them together.
    PersonFactory(family_name="Kerimov", given_names="Anar", birth_date=None)
    PersonFactory(family_name="Kerimova", given_names="Anar", birth_date=None)
    # The same birth date, but names far apart.
    PersonFactory(family_name="Nəsirov", given_names="Vüqar", birth_date=BORN)

    assert duplicate_pairs() == []


def test_a_common_name_alone_pairs_nobody_whose_birth_date_is_unknown():
    for day in range(COMMON_NAME_HOLDERS):
        PersonFactory(family_name="Məmmədov", given_names="Elçin", birth_date=BORN + DAY * day)
    PersonFactory(family_name="Мамедов", given_names="Эльчин", birth_date=None)
    PersonFactory(family_name="Mammadov", given_names="Elchin", birth_date=BORN)

    pairs = duplicate_pairs()

    # The same birth date still tells; the undated one is one of six Elçin Məmmədovs.
    assert [pair.reason for pair in pairs] == [DuplicateReason.SAME_NAME_AND_BIRTH_DATE]


def test_merged_people_are_left_out(registrar):
    kept = PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    merged = PersonFactory(family_name="Aliyev", given_names="Rashad", birth_date=BORN)
    Person.objects.filter(pk=merged.pk).update(
        merged_into=kept, merged_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    )

    assert duplicate_pairs() == []


def test_pairs_come_most_likely_first_then_by_the_people_ids():
    PersonFactory(family_name="Quliyev", given_names="Kamran", birth_date=BORN)
    PersonFactory(family_name="Quliyev", given_names="Kamal", birth_date=BORN)
    PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    PersonFactory(family_name="Aliyev", given_names="Rashad", birth_date=BORN)

    pairs = duplicate_pairs()

    assert pairs == sorted(pairs, key=lambda pair: (-pair.score, pair.person_id, pair.other_id))
    assert pairs[0].score == 100
    assert all(pair.person_id < pair.other_id for pair in pairs)


@pytest.mark.parametrize("families", [2, 12])
def test_finding_duplicates_costs_one_query_whatever_the_register(
    families, django_assert_num_queries
):
    for number in range(families):
        family = f"Family{'x' * number}"
        PersonFactory(family_name=family, given_names="Anar", birth_date=BORN)
        PersonFactory(family_name=family, given_names="Anar", birth_date=None)

    with django_assert_num_queries(1):
        pairs = duplicate_pairs()

    assert len(pairs) >= families


def test_the_api_lists_pairs_a_page_at_a_time_with_both_people(api_client_for):
    first = PersonFactory(
        family_name="Əliyev", given_names="Rəşad", birth_date=BORN, nationality="AZ"
    )
    second = PersonFactory(family_name="Алиев", given_names="Рашад", birth_date=BORN)
    for number, family in enumerate(["Kərimov", "Nəsirov", "Babayev"], start=1):
        PersonFactory(family_name=family, given_names="Anar", birth_date=None)
        PersonFactory(family_name=family, given_names="Anar", birth_date=BORN + DAY * number)

    response = api_client_for("viewer").get(DUPLICATES, {"page_size": 2})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert body["next"] is not None
    assert body["results"][0] == {
        "person": {
            "id": first.pk,
            "uid": str(first.uid),
            "full_name": "Əliyev Rəşad",
            "rank": "Major",
            "birth_date": "1988-05-17",
            "nationality": "AZ",
        },
        "other": {
            "id": second.pk,
            "uid": str(second.uid),
            "full_name": "Алиев Рашад",
            "rank": "Major",
            "birth_date": "1988-05-17",
            "nationality": "",
        },
        "score": 100,
        "reason": "same_name_and_birth_date",
        "reason_display": "same folded name and birth date",
    }
    assert len(body["results"]) == 2


@pytest.mark.parametrize("pairs", [1, 6])
def test_the_api_costs_the_same_queries_for_few_or_many_pairs(
    api_client_for, pairs, django_assert_num_queries
):
    client = api_client_for("viewer")
    for number in range(pairs):
        PersonFactory(family_name="Kərimov", given_names="Anar", birth_date=BORN + DAY * number)
        PersonFactory(family_name="Kerimov", given_names="Anar", birth_date=BORN + DAY * number)

    # The token and the user's permissions, the keys of the register, the page's people.
    with django_assert_num_queries(5):
        response = client.get(DUPLICATES)

    assert response.json()["count"] == pairs


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 401), ("stranger", 403), ("viewer", 200), ("registrar", 200)],
)
def test_duplicates_are_personal_data_shown_only_with_the_view_permission(
    api_client_for, role, expected
):
    PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    PersonFactory(family_name="Aliyev", given_names="Rashad", birth_date=BORN)

    response = api_client_for(role).get(DUPLICATES)

    assert response.status_code == expected
    assert ("Rashad" in response.content.decode()) == (expected == 200)


def test_a_page_past_the_last_is_a_404(api_client_for):
    response = api_client_for("viewer").get(DUPLICATES, {"page": 2})

    assert response.status_code == 404


def test_the_admin_page_lists_pairs_with_links_to_both_and_a_merge_link(client, registrar):
    first = PersonFactory(family_name="Əliyev", given_names="Rəşad", birth_date=BORN)
    second = PersonFactory(family_name="Алиев", given_names="Рашад", birth_date=BORN)
    client.force_login(registrar)

    response = client.get(reverse("admin:people_person_duplicates"))

    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("admin:people_person_change", args=[first.pk]) in page
    assert reverse("admin:people_person_change", args=[second.pk]) in page
    assert "same folded name and birth date" in page
    assert f"{reverse('admin:people_person_merge')}?people={first.pk}%2C{second.pk}" in page


@pytest.mark.parametrize("pairs", [1, 6])
def test_the_admin_page_costs_the_same_queries_for_few_or_many_pairs(
    client, registrar, pairs, django_assert_num_queries
):
    for number in range(pairs):
        PersonFactory(family_name="Kərimov", given_names="Anar", birth_date=BORN + DAY * number)
        PersonFactory(family_name="Kerimov", given_names="Anar", birth_date=BORN + DAY * number)
    client.force_login(registrar)

    # The session, the user, their permissions (two), the register's keys, the page's people.
    with django_assert_num_queries(QUERIES_PER_ADMIN_PAGE):
        response = client.get(reverse("admin:people_person_duplicates"))

    assert response.content.decode().count("same folded name and birth date") == pairs


def test_the_people_list_links_to_the_duplicates(client, registrar):
    client.force_login(registrar)

    response = client.get(reverse("admin:people_person_changelist"))

    assert reverse("admin:people_person_duplicates") in response.content.decode()


def test_the_admin_page_is_refused_without_the_view_permission(client, stranger):
    stranger.is_staff = True
    stranger.save()
    client.force_login(stranger)

    response = client.get(reverse("admin:people_person_duplicates"))

    assert response.status_code == 403
