"""Every mediation admin view that takes confidential text marks its POST sensitive, so that an
error report never carries a stage note or a closing note."""

import pytest
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

pytestmark = pytest.mark.django_db
SECRET = "Osapuoli kertoi luottamuksellisesti terveydestään"


@pytest.fixture(autouse=True)
def _no_lockout_log(settings):
    settings.AXES_ENABLED = False


def reported_note(request) -> str:
    return SafeExceptionReporterFilter().get_post_parameters(request)["note"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("mediation_case_stage", {"direction": "back", "note": SECRET}),
        ("mediation_case_close", {"status": "closed", "outcome": "", "note": SECRET}),
        ("mediation_mediationcase_change", {"note": SECRET}),
    ],
)
def test_a_posted_note_is_hidden_from_error_reports(client, mediator, case, clock, name, data):
    client.force_login(mediator.user)
    request = client.post(reverse(f"admin:{name}", args=[case.pk]), data).wsgi_request
    assert request.sensitive_post_parameters == "__ALL__"
    assert SECRET not in reported_note(request)
