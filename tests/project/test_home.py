def test_the_home_page_introduces_trainingdb_in_both_languages_and_links_the_admin(client):
    response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "record system for military training" in page
    assert "Le registre des formations militaires" in page
    assert 'href="/admin/"' in page
