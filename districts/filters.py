import django_filters
from django.utils.translation import gettext_lazy as _

from districts.models import District, ZoneGroup


class DistrictFilter(django_filters.FilterSet):
    zone_group = django_filters.ModelChoiceFilter(
        queryset=ZoneGroup.objects.all(),
        to_field_name="slug",
        label=_("กลุ่มเขต"),
        empty_label=_("ทุกกลุ่มเขต"),
    )
    is_pilot = django_filters.ChoiceFilter(
        label=_("ประเภท"),
        choices=[("1", _("เขตนำร่อง")), ("0", _("เขตขยายผล"))],
        empty_label=_("ทุกเขต"),
        method="filter_pilot",
    )

    class Meta:
        model = District
        fields = ["zone_group", "is_pilot"]

    def filter_pilot(self, queryset, name, value):
        return queryset.filter(is_pilot=value == "1")
