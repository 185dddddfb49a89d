from django.core.management.base import BaseCommand
from django.db import IntegrityError

from accounts.models import Role, User
from districts.models import District
from mentoring import services


class Command(BaseCommand):
    help = (
        "Propose a pilot mentor for every non-pilot district without an active one: smallest "
        "largest load first, then most same-zone-group pairs, ties by district code. Active "
        "pairings are kept. Prints one line per proposal; --apply saves them as active."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="save the proposals")

    def handle(self, *args, apply, **options):
        proposals = services.suggested_pairings()
        names = {d.code: d.name_th for d in District.objects.all()}
        for p in proposals:
            group = "กลุ่มเขตเดียวกัน / same group" if p.same_group else "ต่างกลุ่ม / other group"
            self.stdout.write(
                f"{p.mentee_code} {names[p.mentee_code]} → {p.mentor_code} {names[p.mentor_code]}: "
                f"{group}, load {p.mentor_load}"
            )
        same = sum(p.same_group for p in proposals)
        largest = max((p.mentor_load for p in proposals), default=0)
        summary = (
            f"{len(proposals)} proposals, {same} in the same zone group, largest load {largest}"
        )
        if not apply:
            self.stdout.write(self.style.WARNING(f"{summary} (not saved; use --apply)"))
            return
        # The command acts as the strategy office.
        actor = User.objects.filter(role__in=[Role.STRATEGY, Role.ADMIN]).order_by(
            "pk"
        ).first() or User(role=Role.ADMIN, is_superuser=True)
        try:
            services.pairings_apply(proposals=proposals, by=actor)
        except IntegrityError as error:
            self.stderr.write(f"not saved: {error}")
            raise SystemExit(1) from error
        self.stdout.write(self.style.SUCCESS(f"{summary}: saved"))
