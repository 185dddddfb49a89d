"""What lessons announce; upper apps listen (connected in their ``AppConfig.ready()``), so no
write path here imports them."""

from django.dispatch import Signal

# Sent inside the writer's transaction after revisions forgot names whose consent was
# withdrawn; ``revisions``: the LessonRevision rows changed (the handbook corrects its books).
consent_withdrawn = Signal()
