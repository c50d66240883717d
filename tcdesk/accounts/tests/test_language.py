"""A user's language, chosen in the profile, is used by every page they open."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_language_chosen_in_the_profile_wins_over_the_browser(officer_client, officer):
    response = officer_client.post(reverse("accounts:language_set"), {"language": "fr", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    officer.refresh_from_db()
    assert officer.preferred_language == "fr"
    officer_client.cookies.pop("django_language", None)  # only the profile says French now
    page = officer_client.get(reverse("accounts:profile"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr">' in page.content.decode()


def test_back_to_the_browser_language_and_bad_values(officer_client, officer):
    officer_client.post(reverse("accounts:language_set"), {"language": "fr"})
    officer_client.post(reverse("accounts:language_set"), {"language": ""})
    officer.refresh_from_db()
    assert officer.preferred_language == ""
    response = officer_client.post(reverse("accounts:language_set"), {"language": "xx"}, follow=True)
    assert "Choose one of the languages offered." in response.content.decode()
    outside = officer_client.post(reverse("accounts:language_set"), {"language": "en", "next": "https://evil.example/"})
    assert outside["Location"] == "/"
