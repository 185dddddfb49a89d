from django.conf import settings
from django.db import models


class Submission(models.Model):
    """A create form's one-time key, claimed by the first POST that carries it
    (bangphlat/submissions.py). Kept in the database so a repeat that reaches another worker
    process, or arrives while the first is still saving, finds it."""

    key = models.CharField(max_length=80, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return self.key
