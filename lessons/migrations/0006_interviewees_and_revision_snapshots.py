"""Existing data into the new shapes.

- ``Lesson.interviewees_text`` (free text, one person a line) becomes one Interviewee row per
  person, with no consent recorded: outside the district they are shown by role alone.
- Every revision gets its snapshot of what others see (topics, dimensions, links, photos,
  attachments, interviewees). Before this change only the text was kept, so the working copy
  is the best record there is of what was approved with it.
"""

import re

from django.db import migrations

# Honorifics written as a separate word ("นาง สมศรี ใจดี"): the name is then three words.
TITLES = {"นาย", "นาง", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ.", "ดร.", "พระ", "Mr.", "Mrs.", "Ms."}
SEPARATORS = (" - ", " – ", " — ", ",", "，", ":")


def split_person(line: str) -> tuple[str, str]:
    """("name", "role") from "นางสมศรี ใจดี ประธานชุมชน", "นางสมศรี ใจดี - ประธานชุมชน",
    "นางสมศรี ใจดี (ประธานชุมชน)". A line that cannot be split is kept as a name with no role
    (so nothing of it is shown outside the district)."""
    line = " ".join(line.split())
    for separator in SEPARATORS:
        if separator in line:
            name, role = line.split(separator, 1)
            return name.strip(), role.strip()
    bracketed = re.fullmatch(r"(.+?)\s*\((.+)\)", line)
    if bracketed:
        return bracketed.group(1), bracketed.group(2)
    words = line.split(" ")
    name_words = 3 if words[0] in TITLES else 2
    if len(words) > name_words:
        return " ".join(words[:name_words]), " ".join(words[name_words:])
    return line, ""


def people_from_text(text: str) -> list[tuple[str, str]]:
    people = []
    for line in re.split(r"[\n;]+", text or ""):
        if line.strip():
            name, role = split_person(line)
            people.append((name[:200], role[:200]))
    return people


def _display_name(user) -> str:
    # Historical models have no properties: User.display_name, as it reads today.
    full = f"{user.first_name} {user.last_name}".strip()
    return full or user.username


def forwards(apps, schema_editor):
    Lesson = apps.get_model("lessons", "Lesson")
    Interviewee = apps.get_model("lessons", "Interviewee")
    LessonRevision = apps.get_model("lessons", "LessonRevision")
    for lesson in Lesson.objects.exclude(interviewees_text=""):
        Interviewee.objects.bulk_create(
            Interviewee(lesson=lesson, name=name, role=role, consent=False, order=order)
            for order, (name, role) in enumerate(people_from_text(lesson.interviewees_text))
        )
    for revision in LessonRevision.objects.select_related("lesson"):
        lesson = revision.lesson
        revision.dimensions = list(lesson.dimensions or [])
        revision.communities = [{"id": c.pk, "name": c.name} for c in lesson.communities.all()]
        revision.activities = [
            {
                "id": a.pk,
                "title": a.title,
                "community": a.community.name,
                "date": a.date.isoformat() if a.date else "",
            }
            for a in lesson.activities.select_related("community").order_by("-date", "-pk")
        ]
        revision.photos = [
            {"id": p.pk, "caption": p.caption} for p in lesson.photos.order_by("order", "pk")
        ]
        revision.attachments = [{"id": a.pk, "title": a.title} for a in lesson.attachments.all()]
        revision.authors = sorted(_display_name(user) for user in lesson.authors.all())
        revision.interviewees = [
            {"name": "", "role": p.role}
            for p in Interviewee.objects.filter(lesson=lesson).order_by("order", "pk")
        ]
        revision.save(
            update_fields=[
                "dimensions", "communities", "activities", "photos", "attachments", "interviewees",
                "authors",
            ]
        )  # fmt: skip
        revision.topics.set(lesson.topics.all())


def backwards(apps, schema_editor):
    Lesson = apps.get_model("lessons", "Lesson")
    for lesson in Lesson.objects.all():
        people = lesson.interviewees.order_by("order", "pk")
        lesson.interviewees_text = "\n".join(
            " ".join(part for part in [p.name, p.role] if part) for p in people
        )
        lesson.save(update_fields=["interviewees_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("lessons", "0005_revision_snapshot_and_interviewees"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
