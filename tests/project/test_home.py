from io import StringIO

from django.core.management import call_command


def test_the_home_page_introduces_trainingdb_in_the_visitor_language_and_links_the_admin(client):
    response = client.get("/")
    french = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert response.status_code == 200
    page = response.content.decode()
    assert "record system for military training" in page
    assert "Le registre des formations militaires" in french
    assert "record system" not in french
    assert 'href="/admin/"' in page
    assert '<a href="?lang=fr" lang="fr" hreflang="fr">Français</a>' in page


def test_the_shell_starts_without_auto_import_failures(capsys):
    output = StringIO()

    call_command("shell", command="print('ready')", stdout=output, stderr=output)

    printed = capsys.readouterr().out
    assert "ready" in printed
    assert "objects imported automatically" in output.getvalue()
    assert "could not be automatically imported" not in output.getvalue() + printed
