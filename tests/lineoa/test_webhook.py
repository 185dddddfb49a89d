"""POST /line/webhook/: the signature is checked on the raw body before anything is read (the
real SDK's parser); follow, unfollow and messages; a redelivered event is handled once."""

import pytest

from lineoa.models import LineLink, WebhookEvent
from tests.lineoa.conftest import event, post_webhook, sign, webhook_body

pytestmark = pytest.mark.django_db


def test_a_correctly_signed_follow_is_answered_with_how_to_link(client, line):
    response = post_webhook(client, webhook_body(event("follow")))
    assert response.status_code == 200
    (reply,) = line.replies
    assert reply.headers["authorization"] == "Bearer test-channel-token"
    assert reply.body["replyToken"] == "reply-E1"
    text = reply.body["messages"][0]["text"]
    assert "ยินดีต้อนรับ" in text and "https://portal.example.org/accounts/line/" in text


def test_a_missing_signature_is_400_and_nothing_changes(client, line):
    response = post_webhook(client, webhook_body(event("follow")), signature=None)
    assert response.status_code == 400
    assert not WebhookEvent.objects.exists() and not line.requests


def test_a_wrong_signature_is_403_and_nothing_changes(client, line, linked_staff):
    body = webhook_body(event("unfollow", "U-staff"))
    response = post_webhook(client, body, signature=sign(body, "another-secret"))
    assert response.status_code == 403
    assert LineLink.objects.filter(user=linked_staff).exists()
    assert not WebhookEvent.objects.exists()


def test_a_signature_of_another_body_is_403(client, line, linked_staff):
    signature = sign(webhook_body(event("follow")))
    response = post_webhook(client, webhook_body(event("unfollow", "U-staff")), signature)
    assert response.status_code == 403
    assert LineLink.objects.filter(user=linked_staff).exists()


def test_a_signed_body_that_is_not_an_event_list_is_400(client, line):
    body = b'{"events": "nope"'
    assert post_webhook(client, body).status_code == 400


def test_get_is_not_allowed(client, line):
    assert client.get("/line/webhook/").status_code == 405


def test_unfollow_removes_the_link(client, line, linked_staff):
    response = post_webhook(client, webhook_body(event("unfollow", "U-staff")))
    assert response.status_code == 200
    assert not LineLink.objects.filter(user=linked_staff).exists()
    assert not line.replies  # an unfollowed account cannot be answered


def test_a_redelivered_event_is_handled_once(client, line):
    body = webhook_body(event("follow", event_id="E-same"))
    post_webhook(client, body)
    again = webhook_body(event("follow", event_id="E-same", redelivery=True))
    assert post_webhook(client, again).status_code == 200
    assert len(line.replies) == 1
    assert WebhookEvent.objects.filter(event_id="E-same").count() == 1


def test_a_message_from_a_linked_user_says_the_account_only_sends_notices(
    client, line, linked_staff
):
    post_webhook(client, webhook_body(event("text", "U-staff", text="สวัสดีครับ")))
    assert "ตอบข้อความไม่ได้" in line.replies[0].body["messages"][0]["text"]


def test_group_events_are_ignored(client, line):
    group = event("text", text="ABCDEFGH") | {"source": {"type": "group", "groupId": "C1"}}
    assert post_webhook(client, webhook_body(group)).status_code == 200
    assert not line.requests and not WebhookEvent.objects.exists()


def test_without_a_token_the_webhook_does_not_exist(client, line, settings):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    assert post_webhook(client, webhook_body(event("follow"))).status_code == 404
    assert not line.requests


def test_the_webhook_needs_no_csrf_token(line):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post_webhook(strict, webhook_body(event("follow"))).status_code == 200


def test_the_consoles_verify_request_with_no_events_is_answered_200(client, line):
    assert post_webhook(client, webhook_body()).status_code == 200
