"""The communities' fixed lists (TextChoices) and how registries spell community types.
Kept apart from the models so that forms, imports and the API read them without the models'
weight; ``communities.models`` imports them for its fields."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CommunityType(models.TextChoices):
    """The six community types of the BMA regulation on communities and community committees
    (ระเบียบกรุงเทพมหานครว่าด้วยชุมชนและกรรมการชุมชน พ.ศ. 2555), with its labels."""

    CROWDED = "crowded", _("ชุมชนแออัด")
    URBAN = "urban", _("ชุมชนเมือง")
    SUBURBAN = "suburban", _("ชุมชนชานเมือง")
    HOUSING_ESTATE = "housing_estate", _("ชุมชนหมู่บ้านจัดสรร")
    PUBLIC_HOUSING = "public_housing", _("เคหะชุมชน")
    HIGH_RISE = "high_rise", _("ชุมชนอาคารสูง")


# What registries and older lists write for each type, besides the code and the label:
# the label without the ชุมชน prefix is accepted for every type (see community_type_from_text).
# Sources: the regulation above for the six labels; the city's open-data page on community
# locations (the older five-type list) for หมู่บ้านจัดสรร; registries in use for the rest
# (see the project's issue 12).
COMMUNITY_TYPE_ALIASES = {
    "crowded": ["แออัด", "ชุมชนแออัด", "slum", "crowded community"],
    "urban": ["ชุมชนเมือง", "urban community"],
    "suburban": ["ชุมชนชานเมือง", "suburban community"],
    # The city's open data and the older five-type list write หมู่บ้านจัดสรร.
    "housing_estate": ["หมู่บ้านจัดสรร", "housing estate", "housing", "housingestate"],
    "public_housing": ["เคหะชุมชน", "ชุมชนเคหะ", "เคหะ", "public housing", "nha"],
    "high_rise": ["อาคารสูง", "high rise", "high-rise", "highrise", "high rise community"],
}


def _type_key(text: str) -> str:
    from bangphlat.thai import COMMUNITY_PREFIX, search_key

    return search_key(text, prefix=COMMUNITY_PREFIX).replace("-", "").replace("_", "")


def community_type_from_text(text) -> str | None:
    """The type code for what a registry writes (label, older label, label without ชุมชน,
    English code or words, any case and spacing); None when it names no type."""
    key = _type_key(text or "")
    if not key:
        return None
    for code, label in CommunityType.choices:
        spellings = [code, str(label), *COMMUNITY_TYPE_ALIASES.get(code, [])]
        if key in {_type_key(spelling) for spelling in spellings}:
            return code
    return None


class CommunityStatus(models.TextChoices):
    ACTIVE = "active", _("ดำเนินการอยู่")
    MERGED = "merged", _("ควบรวมแล้ว")
    DISSOLVED = "dissolved", _("ยุบแล้ว")


class ModelStep(models.TextChoices):
    """Where a community stands in the model: understand → reach → develop."""

    NOT_ENGAGED = "not_engaged", _("ยังไม่เข้าร่วม")
    UNDERSTAND = "understand", _("เข้าใจ")
    REACH = "reach", _("เข้าถึง")
    DEVELOP = "develop", _("พัฒนา")
    SELF_RELIANT = "self_reliant", _("พึ่งตนเองได้")


ACTIVITY_STEPS = [ModelStep.UNDERSTAND, ModelStep.REACH, ModelStep.DEVELOP]


class Principle(models.TextChoices):
    """The Sufficiency Economy Philosophy: three pillars and two conditions."""

    MODERATION = "moderation", _("ความพอประมาณ")
    REASONABLENESS = "reasonableness", _("ความมีเหตุผล")
    IMMUNITY = "immunity", _("การมีภูมิคุ้มกันที่ดี")
    KNOWLEDGE = "knowledge", _("เงื่อนไขความรู้")
    VIRTUE = "virtue", _("เงื่อนไขคุณธรรม")


class FundingSource(models.TextChoices):
    NONE = "none", _("ไม่ใช้งบประมาณ")
    BMA = "bma", _("งบประมาณกรุงเทพมหานคร")
    DISTRICT = "district", _("งบประมาณสำนักงานเขต")
    COMMUNITY = "community", _("กองทุนชุมชน")
    PARTNER = "partner", _("ภาคีเครือข่าย/เอกชน")
    OTHER = "other", _("อื่น ๆ")
