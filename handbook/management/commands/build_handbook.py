import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from bangphlat import pdf_speed
from districts.models import District
from handbook import content, render
from handbook.models import Selection
from handbook.selectors import edition_number
from handbook.services import edition_title
from lessons.models import LessonStep


class Command(BaseCommand):
    help = (
        "Build the handbook PDF in the foreground (for scripts and tests): all approved lessons, "
        "or one district's (--district CODE) or one step's (--step understand|reach|develop). "
        "Prints the page count and the seconds it took."
    )
    # A build reads the database and writes one file: the system checks (which import every
    # URL and view, a quarter of a second) tell it nothing. `manage.py check` runs them.
    requires_system_checks = []
    from_shell = False  # set by run_from_argv: the process ends when the command does

    def run_from_argv(self, argv):
        self.from_shell = True
        super().run_from_argv(argv)

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, type=Path, help="where to write the PDF")
        parser.add_argument("--district", help="district code, e.g. 1025")
        parser.add_argument("--step", choices=LessonStep.values)

    def handle(self, *args, out, district, step, **options):
        if district and not District.objects.filter(code=district).exists():
            raise CommandError(f"unknown district {district}")
        selection, value = Selection.ALL, ""
        if district:
            selection, value = Selection.DISTRICT, district
        elif step:
            selection, value = Selection.STEP, step
        started = time.perf_counter()
        snapshot = content.collect(selection, value)
        title = edition_title(selection, value)
        digest = content.content_hash(snapshot)
        # The number the portal gives (or gave) this content, never a placeholder.
        number = edition_number(selection=selection, value=value, content_hash=digest)
        meta = {**content.edition_meta(title=title, number=number), "identifier": digest[:32]}
        with pdf_speed.no_cycle_collection():
            pdf, pages, warnings = render.render_pdf(snapshot, meta)
            if self.from_shell:
                # Half a second of a 12 s build went to collecting the laid-out book, and the
                # interpreter's exit would walk it once more: the process ends here anyway.
                pdf_speed.leave_to_process_exit()
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(pdf)
        for warning in warnings:
            self.stderr.write(f"warning: {warning}")
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"{out}: edition {number}, {pages} pages, "
                f"{len(snapshot['lessons'])} lessons, {seconds:.1f} s"
            )
        )
