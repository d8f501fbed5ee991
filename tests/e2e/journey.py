"""What a browser journey may do, and what makes it fail.

A journey does only what a person does: open an entry point (the login page, the public
form, a link in a mail it read from the mail folder), click, type, upload and read. Every
page it sees is checked: no server error and no unexpected 4xx, no JavaScript console
error, no required field that cannot be seen, no English text of viewflow or Django, and
no serious or critical accessibility problem (axe-core). Screenshots of each step go to
``JOURNEY_SCREENSHOTS`` (default ``var/journeys/``), which CI keeps.
"""

import contextlib
import email
import email.header
import os
import re
import shutil
import time
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("JOURNEY_SCREENSHOTS", ROOT / "var" / "journeys"))
PASSWORD = "een-lang-wachtwoord-voor-de-reis"

# Text of viewflow and Django that must never reach a user of this Dutch product. Each is
# matched as a whole word (or phrase) in the visible text of every page a journey sees.
FORBIDDEN = [
    "No viewsets found",
    "Django Material",
    "Django administration",
    "Viewflow",
    "Assign",
    "Unassign",
    "Execute",
    "Search...",
    "Proces New",
    "Process",
    "Started",
    "Created",
    "Done",
    "New",
    "Assigned",
    "Canceled",
    "Scheduled",
    "Page not found",
    "Forbidden",
    "Server Error",
    "Not Found",
    "Submit",
    "Cancel",
    "This field is required",
    "Enter a valid",
    "Log in again",
    "Login as",
]
_FORBIDDEN = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in FORBIDDEN) + r")(?![\w-])")

# Elements a person fills in: a required one must be on the screen with a size.
_HIDDEN_REQUIRED = """() => {
  const folded = el => el.closest('details:not([open])') !== null;
  const flat = el => { const b = el.getBoundingClientRect(); return b.width < 2 || b.height < 2; };
  const fields = [...document.querySelectorAll('*')].filter(
    el => el.tagName.startsWith('VF-FIELD'));
  const undefinedTag = el => !customElements.get(el.tagName.toLowerCase());
  const bad = fields.filter(el => !folded(el)
    && (undefinedTag(el) || (el.hasAttribute('required') && flat(el))));
  const native = [...document.querySelectorAll(
    'input[required]:not([type=hidden]), select[required], textarea[required]')]
    .filter(el => !el.closest('[class^=vf-field], .mdc-select') && !folded(el) && flat(el));
  return [...bad, ...native].map(el => el.tagName + '[name=' + el.getAttribute('name') + ']');
}"""


class JourneyError(AssertionError):
    pass


class Person:
    """One person at their own browser: a role, an account and what they see."""

    def __init__(self, journey, username: str | None, label: str):
        self.journey = journey
        self.username = username
        self.label = label
        self.context = journey.browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="nl-NL"
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.expected_status: set[int] = set()
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("response", self._response)
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript: {error}"))

    # What makes a journey fail --------------------------------------------------------

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if "Failed to load resource" in text and any(
            f"status of {status}" in text for status in self.expected_status
        ):
            return
        self.problems.append(f"console: {text}")

    def _response(self, response) -> None:
        kind = response.request.resource_type
        status = response.status
        if status >= 500 or (
            status >= 400
            and kind in ("document", "fetch", "xhr")
            and status not in self.expected_status
        ):
            self.problems.append(f"{status} on {response.request.method} {response.url}")

    def check(self, step: str) -> None:
        """Everything a person sees must be right; the step's screenshot is taken."""
        page = self.page
        page.wait_for_load_state("networkidle")
        text = page.locator("body").inner_text()
        english = sorted(set(_FORBIDDEN.findall(text)))
        if english:
            self.problems.append(f"English text on {page.url}: {english}")
        hidden = page.evaluate(_HIDDEN_REQUIRED)
        if hidden:
            self.problems.append(f"required fields that cannot be seen on {page.url}: {hidden}")
        self.journey.accessibility(page, self.problems)
        self.journey.shoot(page, f"{self.label}-{step}")
        if self.problems:
            problems, self.problems = self.problems, []
            raise JourneyError(f"{self.label}, {step}: " + "; ".join(problems))

    # What a person does ---------------------------------------------------------------

    def open(self, url: str, step: str) -> "Person":
        """Only for entry points: the login page, the public form, a link from a mail."""
        self.page.goto(url)
        self.check(step)
        return self

    def login(self) -> "Person":
        self.open(f"{self.journey.url}/accounts/login/", "inloggen")
        self.page.fill("input[name=username]", self.username)
        self.page.fill("input[name=password]", PASSWORD)
        with self.page.expect_navigation():
            self.page.locator("form button[type=submit]").first.click()
        self.check("start")
        return self

    def click(self, name: str, step: str, *, role: str = "link", exact: bool = True, within=None):
        """Click a link or button by its visible name, then wait for the next page."""
        scope = within if within is not None else self.page
        target = scope.get_by_role(role, name=name, exact=exact).first
        target.wait_for(state="visible")
        # The page is marked; the click must bring a new one (a full load, or Turbo's new
        # body), also when a form posts back to the same address.
        self.page.evaluate("() => { document.body.dataset.reisStap = '1'; }")
        target.click()
        deadline = time.monotonic() + 15
        while not self._new_page():
            if time.monotonic() > deadline:
                self.journey.shoot(self.page, f"{self.label}-blijft-staan")
                raise JourneyError(f"{self.label}, {step}: clicking {name!r} led nowhere")
            self.page.wait_for_timeout(100)
        self.check(step)
        return self

    def _new_page(self) -> bool:
        with contextlib.suppress(PlaywrightError):  # the old page is being replaced
            return self.page.evaluate("() => !!document.body && !document.body.dataset.reisStap")
        return False

    def menu(self, name: str, step: str) -> "Person":
        """Click an entry of the staff UI's side menu (its name after the icon's, before a
        count)."""
        nav = self.page.locator("aside, nav, .mdc-drawer").first
        entry = re.compile(rf"(^|\s){re.escape(name)}(\s\d+)?$")
        return self.click(entry, step, within=nav)

    def submit(self, button: str, step: str, *, within=None) -> "Person":
        return self.click(button, step, role="button", within=within)

    def complete(self, step: str) -> "Person":
        """Submit a task's form; the task must be done (the page moves on)."""
        self.submit("Uitvoeren", step)
        if self.page.url.rstrip("/").endswith("/execute"):
            errors = self.page.locator(
                "[error], .hh-field-error, .vf-form__errors"
            ).all_inner_texts()
            attrs = self.page.eval_on_selector_all(
                "[error]",
                "els => els.map(e => e.getAttribute('name') + ': ' + e.getAttribute('error'))",
            )
            raise JourneyError(f"{self.label}, {step}: the task was not done: {errors} {attrs}")
        return self

    def text(self) -> str:
        return self.page.locator("body").inner_text()

    def see(self, *texts: str) -> None:
        body = self.text()
        missing = [t for t in texts if t not in body]
        if missing:
            self.journey.shoot(self.page, f"{self.label}-ontbreekt")
            raise JourneyError(f"{self.label} does not see {missing} on {self.page.url}")

    def close(self) -> None:
        self.context.close()


class Journey:
    def __init__(self, browser, url: str, mailbox: Path, name: str):
        self.browser = browser
        self.url = url
        self.mailbox = mailbox
        self.name = name
        self.people: list[Person] = []
        self._axe = Axe()
        self._axe_seen: set[str] = set()
        self._shot = 0
        shutil.rmtree(SHOTS / name, ignore_errors=True)  # only this run's steps
        (SHOTS / name).mkdir(parents=True)

    def person(self, username: str | None, label: str | None = None) -> Person:
        person = Person(self, username, label or username or "burger")
        self.people.append(person)
        return person

    def shoot(self, page, name: str) -> None:
        self._shot += 1
        safe = re.sub(r"[^a-z0-9-]+", "-", name.lower())
        page.screenshot(path=str(SHOTS / self.name / f"{self._shot:03d}-{safe}.png"))

    def accessibility(self, page, problems: list[str]) -> None:
        """axe-core once per kind of page (the address with its numbers taken out)."""
        kind = re.sub(r"\d+", "N", page.url.split("?")[0])
        if kind in self._axe_seen:
            return
        self._axe_seen.add(kind)
        results = self._axe.run(page)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in v["nodes"]][:5]
                problems.append(f"axe {v['id']} ({v['impact']}) on {kind}: {v['help']} {targets}")

    def mails(self, to: str) -> list[email.message.Message]:
        """The mails in the mail folder for one address, oldest first."""
        found = []
        for path in sorted(self.mailbox.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_text(encoding="utf-8").split("-" * 79):
                if not chunk.strip():
                    continue
                message = email.message_from_string(chunk.strip())
                if to in (message.get("To") or ""):
                    found.append(message)
        return found

    def link_in_mail(self, to: str, contains: str) -> str:
        for message in reversed(self.mails(to)):
            body = _text_of(message)
            for link in re.findall(r"https?://[^\s\"'<>]+", body):
                if contains in link:
                    return link
        raise JourneyError(f"no mail to {to} with a link containing {contains!r}")

    def close(self) -> None:
        for person in self.people:
            person.close()


def mail_text(message) -> str:
    """Subject and plain text of a mail, decoded."""
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))
    return f"{subject}\n{_text_of(message)}"


def _text_of(message) -> str:
    if message.is_multipart():
        return "\n".join(
            part.get_payload(decode=True).decode("utf-8", "replace")
            for part in message.walk()
            if part.get_content_type() == "text/plain"
        )
    return message.get_payload(decode=True).decode("utf-8", "replace")
