import io

import pytest

from demo import mediation as demo
from mediation.models import MediationCase, Party
from privacy.models import PersonalLink
from tests.factories import PractitionerFactory

pytestmark = pytest.mark.django_db


class Out(io.StringIO):
    def write(self, text):
        return super().write(text + "\n")


def links(output: str) -> list[str]:
    return [
        line.removeprefix("party link: ") for line in output.splitlines() if line.startswith("party link: ")
    ]


def test_the_demo_makes_a_case_in_stage_one_with_two_parties_and_prints_working_links(
    client, tmp_path, settings
):
    settings.VAR_DIR = tmp_path  # where the demo keeps its tokens: this test's own
    PractitionerFactory()
    out = Out()
    demo.load(out)
    first = links(out.getvalue())
    assert len(first) == 2
    case = MediationCase.objects.get(title=demo.TITLE)
    assert case.stage == 1 and case.parties.count() == 2
    assert first[0].startswith("http://127.0.0.1:8000/sovittelu/osapuoli/")
    assert first[1].startswith("http://127.0.0.1:8000/en/mediation/party/")
    for link in first:
        assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200

    # Twice changes no data and prints the same links (their tokens are kept in var/), still working.
    made = PersonalLink.objects.count()
    again = Out()
    demo.load(again)
    second = links(again.getvalue())
    assert MediationCase.objects.count() == 1 and Party.objects.count() == 2
    assert case.records.count() == 6 and case.stage_changes.count() == 1
    assert second == first and PersonalLink.objects.count() == made
    for link in second:
        assert client.get(link.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_the_demo_skips_without_a_practitioner():
    out = Out()
    demo.load(out)
    assert "skipped" in out.getvalue() and not MediationCase.objects.exists()
