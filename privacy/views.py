from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from privacy.categories import CATEGORIES


@login_required
def record_of_processing(request):
    """The record of processing (PDPA s.39): every category of personal data the portal holds,
    open to every logged-in user, since each of them handles some of it."""
    return render(request, "privacy/record.html", {"categories": CATEGORIES})
