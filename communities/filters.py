"""Filters of the activities list (django-filter), scoped to what the user may read."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from communities.access import communities_visible_to
from communities.models import Activity, ActivityType, Community
from communities.selectors import search_activities
from mentoring.access import filter_readable

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("ค้นหากิจกรรมหรือชุมชน"), method="filter_search", max_length=200
    )
    community = django_filters.ModelChoiceFilter(
        queryset=Community.objects.none(),
        label=pgettext_lazy("singular", "ชุมชน"),
        empty_label=_("ทุกชุมชน"),
    )
    month = django_filters.CharFilter(
        label=_("เดือน"),
        method="filter_month",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2568-08"}),
    )
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), label=_("ประเภทกิจกรรม"), empty_label=_("ทุกประเภท")
    )
    created_by = django_filters.ModelChoiceFilter(
        queryset=User.objects.none(), label=_("ผู้บันทึก"), empty_label=_("ทุกคน")
    )

    class Meta:
        model = Activity
        fields = ["q", "community", "month", "activity_type", "created_by"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communities = communities_visible_to(user, Community.objects.alive())
        self.filters["community"].queryset = communities.thai_order()
        recorders = filter_readable(user, User.objects.filter(is_active=True))
        self.filters["created_by"].queryset = recorders.order_by("first_name", "username")

    def filter_search(self, queryset, name, value):
        return search_activities(queryset, value)

    def filter_month(self, queryset, name, value):
        """``YYYY-MM`` from the month picker; a Buddhist-era year (2568-08) is accepted too."""
        match = MONTH.match(value.strip())
        if not match:
            return queryset
        year, month = int(match[1]), int(match[2])
        if year > 2400:
            year -= 543
        if not 1 <= month <= 12:
            return queryset
        return queryset.filter(date__year=year, date__month=month)
