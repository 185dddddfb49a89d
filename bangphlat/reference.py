"""All reference data in one call, for tests that flush the database (browser tests) and
for repairing a database by hand. The data migrations load the same data with the same
functions."""


def ensure_reference_data() -> None:
    from communities.models import ActivityType
    from communities.reference import load_activity_types
    from districts.loaders import load_districts, set_pilot_stages
    from districts.models import District, ZoneGroup
    from lessons.models import Topic
    from lessons.reference import load_topics

    load_districts(ZoneGroup, District)
    set_pilot_stages(District)
    load_activity_types(ActivityType)
    load_topics(Topic)
