"""The activities' filters (django-filter), one FilterSet for the list page and the API,
scoped to what the user may read."""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User
from bangphlat.thai import BE_OFFSET, COMMUNITY_PREFIX, search_key
from communities.access import communities_visible_to
from communities.models import Activity, ActivityType, Community
from communities.selectors import search_activities
from mentoring.access import filter_readable

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class ActivityFilter(django_filters.FilterSet):
    """The page shows q, community (a search-as-you-type box over community_name), month, type
    and recorder; the API takes q, district, community and the date range."""

    q = django_filters.CharFilter(
        label=_("ค้นหากิจกรรมหรือชุมชน"), method="filter_search", max_length=200
    )
    district = django_filters.CharFilter(field_name="district__code", label=_("รหัสเขต"))
    # A community is chosen by id (the search box's choice, links from a community's page);
    # checking an id costs one query, where listing 2,500 names in a menu cost the page.
    community = django_filters.ModelChoiceFilter(
        queryset=Community.objects.none(),
        label=pgettext_lazy("singular", "ชุมชน"),
        widget=forms.HiddenInput,
        method="filter_community",
    )
    # What was typed in the community box: without JavaScript (or before a choice) it filters
    # by the communities whose name holds it.
    community_name = django_filters.CharFilter(
        label=pgettext_lazy("singular", "ชุมชน"), method="filter_community_name", max_length=200
    )
    month = django_filters.CharFilter(
        label=_("เดือน"),
        method="filter_month",
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "2568-08"}),
    )
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    activity_type = django_filters.ModelChoiceFilter(
        queryset=ActivityType.objects.all(), label=_("ประเภทกิจกรรม"), empty_label=_("ทุกประเภท")
    )
    created_by = django_filters.ModelChoiceFilter(
        queryset=User.objects.none(), label=_("ผู้บันทึก"), empty_label=_("ทุกคน")
    )

    class Meta:
        model = Activity
        fields = [
            "q",
            "district",
            "community",
            "community_name",
            "month",
            "date_from",
            "date_to",
            "activity_type",
            "created_by",
        ]

    def __init__(self, *args, user, rank=True, **kwargs):
        """``rank``: closest matches of q first (the page); the API's cursor needs its order."""
        super().__init__(*args, **kwargs)
        self.user = user
        self.rank = rank
        self.filters["community"].queryset = self.visible_communities()
        recorders = filter_readable(user, User.objects.filter(is_active=True))
        self.filters["created_by"].queryset = recorders.order_by("first_name", "username")

    def visible_communities(self):
        return communities_visible_to(self.user, Community.objects.alive())

    def chosen_community(self):
        """The community the list is filtered by, for the box to show its name."""
        if not self.is_bound or not self.is_valid() or self.typed_over_chosen():
            return None
        return self.form.cleaned_data.get("community")

    def filter_search(self, queryset, name, value):
        return search_activities(queryset, value, rank=self.rank)

    def typed_over_chosen(self) -> bool:
        """A name typed over the chosen community's (a page without JavaScript keeps the old
        id in its hidden field): the typed name wins."""
        chosen = self.form.cleaned_data.get("community")
        typed = (self.form.cleaned_data.get("community_name") or "").strip()
        return bool(chosen and typed and typed != chosen.name)

    def filter_community(self, queryset, name, value):
        if self.typed_over_chosen():
            return queryset
        return queryset.filter(community=value)

    def filter_community_name(self, queryset, name, value):
        if self.form.cleaned_data.get("community") and not self.typed_over_chosen():
            return queryset  # the chosen community's name, shown in the box
        key = search_key(value, prefix=COMMUNITY_PREFIX)
        if not key:
            return queryset
        named = self.visible_communities().filter(name_key__contains=key).order_by()
        return queryset.filter(community_id__in=list(named.values_list("pk", flat=True)))

    def filter_month(self, queryset, name, value):
        """``YYYY-MM`` from the month picker; a Buddhist-era year (2568-08) is accepted too."""
        match = MONTH.match(value.strip())
        if not match:
            return queryset
        year, month = int(match[1]), int(match[2])
        if year > 2400:
            year -= BE_OFFSET
        if not 1 <= month <= 12:
            return queryset
        return queryset.filter(date__year=year, date__month=month)
