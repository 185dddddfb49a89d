"""The webhook LINE calls (``POST /line/webhook/``) and the linking page (``/accounts/line/``,
mapped in bangphlat/urls.py: accounts sits below this app)."""

import logging

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bangphlat.qr import qr_svg
from lineoa import client, selectors, services
from lineoa.access import can_link_line

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request):
    """The signature is checked on the raw body before anything in it is read; a missing one
    is 400, a wrong one 403, and nothing changes."""
    # The SDK is imported here, not with the URL conf: it costs every process 0.25 s at start.
    from linebot.v3 import WebhookParser
    from linebot.v3.exceptions import InvalidSignatureError
    from linebot.v3.webhook import SignatureValidator

    secret = settings.LINE_CHANNEL_SECRET
    if not secret or not client.enabled():
        raise Http404
    signature = request.headers.get("X-Line-Signature", "")
    if not signature:
        return HttpResponseBadRequest("missing signature")
    try:
        body = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return HttpResponseBadRequest("body is not UTF-8")
    if not SignatureValidator(secret).validate(body, signature):
        return HttpResponseForbidden("bad signature")
    try:
        events = WebhookParser(secret).parse(body, signature)
    except (InvalidSignatureError, ValueError, KeyError, TypeError) as error:
        logger.warning("LINE webhook body not understood: %s", error)
        return HttpResponseBadRequest("bad body")
    for event in events:
        _handle(event)
    return HttpResponse("OK")


def _kind_and_text(event) -> tuple[str, str]:
    from linebot.v3.webhooks import FollowEvent, MessageEvent, TextMessageContent, UnfollowEvent

    if isinstance(event, FollowEvent):
        return "follow", ""
    if isinstance(event, UnfollowEvent):
        return "unfollow", ""
    if isinstance(event, MessageEvent) and isinstance(event.message, TextMessageContent):
        return "text", event.message.text
    return "other", ""


def _handle(event) -> None:
    source = getattr(event, "source", None)
    if getattr(source, "type", "") != "user":
        return  # groups and rooms: the channel talks to single users only
    kind, text = _kind_and_text(event)
    reply = services.line_event_handle(
        event_id=event.webhook_event_id, kind=kind, line_user_id=source.user_id, text=text
    )
    token = getattr(event, "reply_token", None)
    if reply and token:
        # A reply token lives about a minute, so the reply goes now, not through the worker.
        transaction.on_commit(lambda: client.reply(token, reply))


@login_required
def link_page(request):
    if not can_link_line(request.user):
        raise PermissionDenied
    link = selectors.link_of(request.user)
    code, refused = None, False
    if client.enabled() and link is None:
        code = selectors.valid_code_of(request.user)
        if code is None:
            try:
                code = services.link_code_issue(user=request.user)
            except services.TooManyCodes:
                refused = True
    add_url = selectors.add_friend_url()
    context = {
        "enabled": client.enabled(),
        "link": link,
        "code": code,
        "refused": refused,
        "add_url": add_url,
        "basic_id": settings.LINE_BASIC_ID,
        "qr": qr_svg(add_url, label=_("คิวอาร์โค้ดเพิ่มเพื่อนบัญชี LINE ทางการ")) if add_url else None,
    }
    return render(request, "lineoa/link.html", context)


@login_required
@require_POST
def link_action(request):
    if not can_link_line(request.user):
        raise PermissionDenied
    if "unlink" in request.POST:
        if services.line_unlink(user=request.user):
            flash.success(request, _("เลิกเชื่อมบัญชี LINE แล้ว จะไม่มีการแจ้งเตือนส่งไปทาง LINE อีก"))
    elif client.enabled():
        try:
            services.link_code_issue(user=request.user)
            flash.success(request, _("ออกรหัสใหม่แล้ว รหัสเดิมใช้ไม่ได้อีก"))
        except services.TooManyCodes:
            flash.error(request, _("ขอรหัสบ่อยเกินไป กรุณารอสักครู่แล้วลองใหม่"))
    return redirect("line_link")
