"""Reading django-simple-history records: the shared "who changed what" of any app's model."""


def change_history(*, obj, limit=20):
    """The last changes to a record with django-simple-history (a community, an activity, a
    mentoring session): who, when and which fields changed
    (two queries: the records with their users; diffs are computed in memory)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for newer, older in zip(records[:limit], [*records[1:], None], strict=False):
        changes = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                changes.append(str(obj._meta.get_field(change.field).verbose_name))
        entries.append({"record": newer, "changes": changes})
    return entries
