"""Dashboard cards use "x / y" only for a part of a whole, and say "ข้อมูล ณ" once."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_cards_show_a_fraction_only_where_one_number_is_part_of_the_other(login, strategy):
    body = login(strategy).get(reverse("dashboard:home")).content.decode()
    headline = body.split('id="headline"')[1].split('id="stat-reach"')[0]
    assert "ชุมชนที่เข้าร่วม / ทั้งหมด" in headline  # engaged of registered: a fraction
    assert headline.count(" / ") == 2  # its label and its value, nothing else
    assert "บทเรียนที่อนุมัติแล้ว" in headline and 'id="stat-lessons-waiting"' in headline
    assert "การเป็นพี่เลี้ยง (ครั้ง)" in headline and 'id="stat-overdue"' in headline


def test_the_data_stamp_appears_once(login, strategy):
    body = login(strategy).get(reverse("dashboard:home")).content.decode()
    assert body.count("ข้อมูล ณ") == 1
