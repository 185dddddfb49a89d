"""Demo data for the whole portal: deterministic (same --seed → same data) and idempotent.

Each app contributes its own ``<app>/demo.py`` with ``seed(*, scale, rng, stdout) -> str``;
they run in dependency order and each returns a one-line summary.
"""

import importlib
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

NO_MAIL = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
# Order matters: later steps use what earlier ones created.
SEED_STEPS = [
    "accounts.demo",
    "districts.demo",
    "communities.demo",
    "mentoring.demo",
    "lessons.demo",
    "training.demo",
    "handbook.demo",
    "dashboard.demo",
    "reporting.demo",
    "scheduled.demo",
]


class Command(BaseCommand):
    help = (
        "Create demo users and data (idempotent). Users: admin, strategy and staff<code> for "
        "every district, password from DEMO_PASSWORD (default bangphlat-demo). "
        "--scale large builds the five-year benchmark dataset."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["small", "large"], default="small")
        parser.add_argument("--seed", type=int, default=2568, help="random seed (default 2568)")
        parser.add_argument(
            "--force", action="store_true", help="run even in production (DJANGO_DEBUG=0)"
        )

    def handle(self, *args, scale, seed, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo ปฏิเสธการทำงานในโหมด production (DJANGO_DEBUG=0); "
                "ใช้ --force หากต้องการจริง / refusing to seed demo data in production "
                "configuration; pass --force to override"
            )
        summaries = []
        for module_name in SEED_STEPS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name in (module_name, module_name.split(".")[0]):
                    continue  # that app does not exist (yet)
                raise
            # Each step gets its own generator so adding a step never changes another's data.
            rng = random.Random(f"{seed}:{module_name}")
            # Demo review transitions would e-mail everyone: send nothing while seeding.
            with override_settings(MAILERS=NO_MAIL), transaction.atomic():
                summary = module.seed(scale=scale, rng=rng, stdout=self.stdout)
            summaries.append(f"{module_name.split('.')[0]}: {summary}")
        for line in summaries:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready (scale={scale}, seed={seed}). "
                f"Logins: admin, strategy, staff1001…staff1050 — password: {settings.DEMO_PASSWORD}"
            )
        )
