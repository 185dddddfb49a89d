"""Load on the production stack (bench/bench_load.sh starts it): ~50 users for two minutes.

- district staff open their district and record activities with the real form (CSRF token and
  every hidden field the form carries, submission keys included);
- mentors read their mentees' pages and the mentor dashboard;
- the strategy office reads the dashboard and the review queue;
- one user asks for the large activities export.

Every activity title carries this run's id, so afterwards bench_load.sh compares the activities
created with the submits that succeeded (no lost or duplicate write).
"""

import os
import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

PASSWORD = os.environ.get("SMOKE_PASSWORD", "bangphlat-demo")
RUN_ID = os.environ.get("LOAD_RUN_ID", "load")
RESULTS = os.environ.get("LOAD_RESULTS", "/tmp/bangphlat-load-submits.txt")
PILOTS = ["1025", "1030", "1020", "1032", "1037", "1024", "1034"]  # districts/loaders.py
MENTEES = [f"{n}" for n in range(1001, 1051) if str(n) not in PILOTS]


def record(outcome: str, title: str) -> None:
    """One line per submit, written at once: a run cut short still accounts for every one."""
    with open(RESULTS, "a") as handle:
        handle.write(f"{outcome}\t{title}\n")


class FormParser(HTMLParser):
    """The fields of the first <form method=post> with the given action suffix."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.selects: dict[str, list[str]] = {}
        self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind != "file":
                self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select" and attrs.get("name"):
            self._select = attrs["name"]
            self.selects[self._select] = []
        elif tag == "option" and self._select and attrs.get("value"):
            self.selects[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


def parse_form(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


class PortalUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        self.client.verify = False  # the stack's throwaway self-signed certificate
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = parse_form(page.text).fields.get("csrfmiddlewaretoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="/accounts/login/ [POST]",
        )


class DistrictStaff(PortalUser):
    weight = 30

    def on_start(self):
        self.code = random.choice(MENTEES)
        self.username = f"staff{self.code}"
        super().on_start()

    @task(4)
    def district_page(self):
        self.client.get(f"/districts/{self.code}/", name="/districts/<code>/")

    @task(2)
    def communities(self):
        self.client.get("/communities/", name="/communities/")

    @task(2)
    def record_activity(self):
        form = self.client.get("/communities/activities/new/", name="/communities/activities/new/")
        parsed = parse_form(form.text)
        data = dict(parsed.fields)
        choose = {name: values for name, values in parsed.selects.items() if values}
        for name in ("community", "activity_type", "model_step", "funding_source"):
            if name in choose:
                data[name] = random.choice(choose[name])
        title = f"{RUN_ID} กิจกรรมทดสอบโหลด {random.randint(1, 10**9)}"
        data.update(
            title=title,
            participants_total="12",
            participants_women="5",
            participants_elderly="2",
            participants_disabled="0",
            participants_youth="1",
            participants_welfare_card="0",
            budget="0",
            principles="moderation",
        )
        data.pop("save_and_add", None)
        with self.client.post(
            "/communities/activities/new/",
            data,
            headers={"Referer": self.host + "/communities/activities/new/"},
            name="/communities/activities/new/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302 and "/activities/" in response.headers["Location"]:
                record("saved", title)
                response.success()
            else:
                record("refused", title)
                found = re.findall(r"invalid-feedback[^>]*>([^<]+)", response.text)[:2]
                response.failure(f"activity not saved ({response.status_code}): {found}")


class Mentor(PortalUser):
    weight = 10

    def on_start(self):
        self.username = f"staff{random.choice(PILOTS)}"
        super().on_start()

    @task(3)
    def mentee_page(self):
        self.client.get(f"/districts/{random.choice(MENTEES)}/", name="/districts/<code>/ (mentor)")

    @task(1)
    def mentor_dashboard(self):
        self.client.get("/dashboard/mentor/", name="/dashboard/mentor/")

    @task(1)
    def mentoring(self):
        self.client.get("/mentoring/", name="/mentoring/")


class StrategyOffice(PortalUser):
    weight = 9
    username = "strategy"

    @task(4)
    def dashboard(self):
        self.client.get("/dashboard/", name="/dashboard/")

    @task(2)
    def zone_group(self):
        group = random.choice(["northern-krung-thon", "southern-krung-thon", "eastern-bangkok"])
        self.client.get(f"/dashboard/?zone_group={group}", name="/dashboard/?zone_group")

    @task(1)
    def review_queue(self):
        self.client.get("/lessons/review/", name="/lessons/review/")

    @task(1)
    def districts(self):
        self.client.get("/districts/", name="/districts/")


class Exporter(PortalUser):
    """One user asks for the whole city's activities export now and then."""

    fixed_count = 1
    username = "strategy"
    wait_time = between(30, 40)

    @task
    def export(self):
        self.client.get("/communities/activities/export.csv", name="export activities (CSV)")
