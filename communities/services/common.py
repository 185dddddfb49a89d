"""What every write of communities and activities shares: clean text, row errors of a batch,
validation with the rules stated in Thai."""

from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint

from bangphlat.thai import clean_text


def _clean_text_fields(fields: dict, *, single=(), multiline=()) -> dict:
    """Every write stores clean text (bangphlat.thai.clean_text): forms, imports, admin."""
    for name in single:
        if name in fields and fields[name] is not None:
            fields[name] = clean_text(fields[name])
    for name in multiline:
        if name in fields and fields[name] is not None:
            fields[name] = clean_text(fields[name], multiline=True)
    return fields


def _full_clean(instance) -> None:
    """full_clean() with the unique constraints checked but not the check constraints: the
    model's clean() states each of those rules with the values in Thai, and the database
    still enforces them; this saves a query per check constraint on every save (imports).
    Related objects already loaded are not fetched again."""
    errors = {}
    # A related object already loaded (from a form's queryset or an import's lookups) exists:
    # skip the query per foreign key that full_clean() would spend proving it again.
    loaded = [
        f.name
        for f in instance._meta.concrete_fields
        if f.is_relation and f.is_cached(instance) and getattr(instance, f.name) is not None
    ]
    try:
        instance.full_clean(exclude=loaded, validate_constraints=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for constraint in instance._meta.constraints:
        if isinstance(constraint, UniqueConstraint):
            try:
                constraint.validate(type(instance), instance, exclude=set(errors))
            except ValidationError as error:
                errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


class RowError(ValidationError):
    """A ValidationError for one row of a batch; ``index`` says which."""

    def __init__(self, error: ValidationError, index: int):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index
