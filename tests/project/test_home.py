from io import StringIO

from django.core.management import call_command


def test_the_home_page_introduces_trainingdb_in_both_languages_and_links_the_admin(client):
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "record system for military training" in page
    assert "Le registre des formations militaires" in page
    assert 'href="/admin/"' in page


def test_the_shell_starts_without_auto_import_failures(capsys):
    output = StringIO()

    call_command("shell", command="print('ready')", stdout=output, stderr=output)

    printed = capsys.readouterr().out
    assert "ready" in printed
    assert "objects imported automatically" in output.getvalue()
    assert "could not be automatically imported" not in output.getvalue() + printed
