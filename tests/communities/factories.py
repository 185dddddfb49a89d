import datetime as dt

import factory

from communities.models import Activity, ActivityType, Community
from districts.models import District


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community

    district = factory.LazyFunction(lambda: District.objects.get(code="1025"))
    number = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.district.code}-{o.number:04d}")
    name = factory.Sequence(lambda n: f"ชุมชนทดสอบ{n}")
    community_type = "urban"
    households = 100
    population = 350
    chair_name = "นายสมชาย ใจดี"
    chair_phone = "081-234-5678"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    community = factory.SubFactory(CommunityFactory)
    district = factory.LazyAttribute(lambda o: o.community.district)
    date = dt.date(2025, 8, 4)
    title = factory.Sequence(lambda n: f"กิจกรรมทดสอบ {n}")
    activity_type = factory.LazyFunction(lambda: ActivityType.objects.order_by("pk").first())
    model_step = "understand"
    participants_total = 30
    participants_women = 10
