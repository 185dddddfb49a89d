"""Validators shared by models, forms and imports."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bangphlat.thai import BE_OFFSET

# The programme's sane window: 1 Jan 2500 to 31 Dec 2600 in the Buddhist Era.
EARLIEST_DATE = dt.date(2500 - BE_OFFSET, 1, 1)
LATEST_DATE = dt.date(2600 - BE_OFFSET, 12, 31)


def validate_programme_date(value):
    """A date outside B.E. 2500–2600 is a typing slip (0100-01-01, 9999-12-31), never data."""
    if value is None:
        return
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(
            _("วันที่ต้องอยู่ระหว่างปี พ.ศ. 2500 ถึง 2600 (ได้รับปี พ.ศ. %(year)s)"),
            code="date_out_of_range",
            params={"year": value.year + BE_OFFSET},
        )
