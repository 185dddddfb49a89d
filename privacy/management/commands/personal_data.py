"""manage.py personal_data find NAME [--json] | erase NAME --reason TEXT [--basis B] [--yes]

The same finding and erasure as /privacy/requests/, for the data-protection officer at the
server (and for scripts: ``--yes`` skips the question; without a terminal to ask on, an
erasure without ``--yes`` is refused rather than run)."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from bangphlat.personal_data import QueryError, parse_query
from privacy import selectors, services
from privacy.models import ERASE_BASES, Channel, LegalBasis


class Command(BaseCommand):
    help = (
        "Find a person's data by name or phone in every place the portal keeps it (current "
        "rows, change history, revision and handbook snapshots, training, notices, uploaded "
        "file metadata), or erase it: the name and the contact details held with it become a "
        "pseudonym everywhere, logged without the name."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        find = actions.add_parser("find", help="list every place that holds the person")
        find.add_argument("name", help="name (with or without นาย/นาง/นางสาว) or phone")
        find.add_argument("--json", action="store_true", help="one JSON document on stdout")
        erase = actions.add_parser("erase", help="replace the person by a pseudonym")
        erase.add_argument("name", help="name (with or without นาย/นาง/นางสาว) or phone")
        erase.add_argument("--reason", required=True, help="why (e.g. the request's number)")
        erase.add_argument(
            "--basis",
            default=LegalBasis.CONSENT_WITHDRAWN,
            choices=[basis.value for basis in ERASE_BASES],
            help="the legal basis (default: consent withdrawn, s.33(2))",
        )
        erase.add_argument("--by", help="username of the officer, for the log")
        erase.add_argument("--yes", action="store_true", help="do not ask (for scripts)")

    def handle(self, *args, **options):
        try:
            query = parse_query(options["name"])
        except QueryError as error:
            raise CommandError(str(error)) from error
        found = selectors.find_person(query)
        if options["action"] == "find":
            self._find(found, as_json=options["json"])
        else:
            self._erase(found, options)

    def _find(self, found, *, as_json: bool):
        if as_json:
            document = {
                "records": found.records(),
                "truncated": found.truncated,
                "places": [hit.as_json() for hit in found.hits],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for hit in found.hits:
            self.stdout.write(
                f"{hit.place.category}\t{hit.place.table}\t#{hit.pk}\t{hit.field}\t{hit.value}"
            )
        self.stdout.write(f"{found.records()} records, {len(found.hits)} fields")

    def _erase(self, found, options):
        if not found.hits:
            self.stdout.write("Nothing found: nothing erased.")
            return
        preview = services.erase_preview(found, pseudonym="<pseudonym>")
        for change in preview:
            self.stdout.write(
                f"{change.record} · {change.field}: {change.before!s} → {change.after!s}"
            )
        if not options["yes"] and not self._confirmed(len(preview)):
            raise CommandError("Not erased: confirm, or pass --yes in a script.")
        by = self._officer(options.get("by"))
        erased = services.personal_data_erase(
            query=found.query,
            reason=options["reason"],
            legal_basis=options["basis"],
            by=by,
            channel=Channel.COMMAND,
        )
        self.stdout.write(f"Erased: {erased.places} records now read {erased.pseudonym}.")

    def _confirmed(self, fields: int) -> bool:
        if not sys.stdin.isatty():
            return False
        answer = input(f"Replace these {fields} fields by a pseudonym? Type yes: ")
        return answer.strip().lower() == "yes"

    def _officer(self, username):
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        return user
