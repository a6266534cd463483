"""Every wording a mediation email can have (each kind's template pair, every branch in it): in
Finnish and Swedish no sentence is left in English, each branch says something of its own, and
none carries what anyone wrote or loads anything from elsewhere."""

import re
from collections import defaultdict

import pytest
from django.utils import translation

from mediation.actions.agreement import agreement_publish
from mediation.actions.case import case_close, case_move_stage
from mediation.actions.scheduling import meeting_book, meeting_create, meeting_propose_times
from mediation.models import CheckIn, MediationCase
from notifications.models import Message
from notifications.registry import builder_for, kinds
from practice.selectors import profile
from tests.mediation.factories import MediationCaseFactory

from .conftest import helsinki, prepare, to_stage, write_agreement

pytestmark = pytest.mark.django_db

SECRET = "Salainen kuvaus tilanteesta"
LANGUAGES = ["fi", "sv", "en"]
TAG = re.compile(r"<[^>]*>")
URL_OR_ADDRESS = re.compile(r"https?://\S+|\S+@\S+")
LETTER = re.compile(r"[^\W\d_]")


def every_variant(case, parties, clock):
    """(kind, branch, target, context) of each wording, the case walked through the real actions."""
    aino = parties[0]
    yield "mediation_commission", "", case, {}
    yield "mediation_contact_link", "", case, {}
    yield "mediation_invitation", "", aino, {}
    yield "mediation_form_reminder", "", aino, {}
    prepare(case, parties, answers={"situation": SECRET})
    meeting = meeting_create(case=case, kind="info", parties=parties, duration_minutes=60, place="Room 1")
    [proposal] = meeting_propose_times(meeting=meeting, starts=[helsinki(2027, 3, 2, 12)])
    yield "mediation_times", "", aino, {"meeting": meeting.pk}
    meeting = meeting_book(meeting=meeting, proposal=proposal)
    for method in ("REQUEST", "CANCEL"):
        yield "mediation_meeting", f"{method} to a party", meeting, {"method": method, "party": aino.pk}
        yield "mediation_meeting", f"{method} to the mediator", meeting, {"method": method}
    case = case_move_stage(case=case, to_stage=2)
    case = to_stage(case, parties, 5, clock)
    agreement_publish(agreement=write_agreement(case))
    yield "mediation_agreement", "", aino, {}
    yield "mediation_agreement_reminder", "", aino, {}
    case = to_stage(case, parties, 6, clock)
    for checkin in CheckIn.objects.filter(party=aino).order_by("kind"):
        yield "mediation_checkin", checkin.kind, checkin, {}
    for what in ("form", "times", "agreement", "checkin", "commission"):
        yield "mediation_new_answer", what, case, {"what": what}
    yield "mediation_followup_due", "", case, {}
    for role in ("previous", "new"):
        names = {"previous": "Aino Ohjaaja", "new": "Bertta Sovittelija", "by": "Pääkäyttäjä"}
        yield "mediation_reassigned", role, case, {"role": role, **names, "reason": "Esteellisyys"}
    Status, Outcome = MediationCase.Status, MediationCase.Outcome
    for status, outcome in ((Status.CLOSED, Outcome.AGREEMENT), (Status.CLOSED, ""), (Status.WITHDRAWN, "")):
        closed = case_close(case=MediationCaseFactory(mediator=case.mediator), status=status, outcome=outcome)
        yield "mediation_outcome", f"{status} {outcome}", closed, {}


@pytest.fixture
def emails(case, parties, clock):
    """{"<kind> <branch>": {language: Email}}, each rendered when its message would be sent."""
    rendered = {}
    for kind, branch, target, context in every_variant(case, parties, clock):
        message = Message(kind=kind, target=target, context=context)
        label = f"{kind} {branch}".strip()
        rendered[label] = {}
        for language in LANGUAGES:
            with translation.override(language):
                rendered[label][language] = builder_for(kind)(message)
    return rendered


def lines(email) -> set[str]:
    """The words of the email, text and HTML, line by line (tags and inline styles left out)."""
    words = "\n".join([email.subject, email.text, TAG.sub("\n", email.html)])
    return {line.strip() for line in words.splitlines()}


def has_words(line: str, names: set[str]) -> bool:
    """Whether the line says something in a language: more than names, links, addresses, dates."""
    for name in names:
        line = line.replace(name, "")
    return bool(LETTER.search(URL_OR_ADDRESS.sub("", line)))


def test_every_kind_and_branch_renders_in_every_language(emails):
    assert {label.split()[0] for label in emails} == {
        kind for kind in kinds() if kind.startswith("mediation_")
    }
    assert all(email is not None for by_language in emails.values() for email in by_language.values())
    for language in LANGUAGES:
        labels_by_text = defaultdict(set)
        for label, by_language in emails.items():
            labels_by_text[URL_OR_ADDRESS.sub("", by_language[language].text)].add(label)
        same = [labels for labels in labels_by_text.values() if len(labels) > 1]
        # The agreement reminder says what the first email said (only its subject differs).
        assert same == [{"mediation_agreement", "mediation_agreement_reminder"}], language


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_nothing_is_left_in_english(emails, parties, case, language):
    names = {parties[0].name, case.mediator.display_name, case.contact_name, profile().name}
    for label, by_language in emails.items():
        same = lines(by_language[language]) & lines(by_language["en"])
        english = {line for line in same if has_words(line, names)}
        assert not english, f"{label} in {language}: {english}"


def test_no_email_carries_what_anyone_wrote_or_loads_anything(emails):
    for label, by_language in emails.items():
        for email in by_language.values():
            attachments = "".join(
                content.decode() if isinstance(content, bytes) else content
                for _, content, _ in email.attachments
            )
            for text in (email.subject, email.text, email.html, attachments):
                assert SECRET not in text and "Tells first" not in text and "We agree" not in text, label
            assert "<img" not in email.html and "src=" not in email.html and "url(" not in email.html, label
