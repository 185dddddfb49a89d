from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from accounts.roles import is_strategy, sees_all_districts


@login_required
def home(request):
    """Land each role where its work is: district staff on their district, the strategy office
    on the dashboard (what waits for it)."""
    user = request.user
    if user.district_id and not sees_all_districts(user):
        return redirect("districts:detail", code=user.district.code)
    if is_strategy(user):
        return redirect("dashboard:home")
    return redirect("districts:list")
