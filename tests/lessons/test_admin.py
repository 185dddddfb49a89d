"""The admin cannot make a lesson revision by hand: only an approval makes one."""

import pytest

from lessons.models import LessonRevision

pytestmark = pytest.mark.django_db


def test_adding_a_lesson_revision_in_the_admin_is_refused_not_an_error(login, portal_admin):
    client = login(portal_admin)
    client.raise_request_exception = False
    url = "/admin/lessons/lessonrevision/add/"
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    assert not LessonRevision.objects.exists()
    assert "lessonrevision/add/" not in client.get("/admin/lessons/").content.decode()
