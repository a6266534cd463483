"""What mediation keeps about people, registered with privacy.registry for retention, export and erasure."""

from django.conf import settings

from privacy.registry import PersonalData, register

from .actions.retention import case_contact_erase, party_erase, purge_due
from .models import Intake, MediationCase, Party


def find(email: str) -> list:
    """The person as a party of any case, and as the contact person of any case."""
    email = email.strip()
    parties = list(Party.objects.filter(email__iexact=email).select_related("case", "intake"))
    cases = list(MediationCase.objects.filter(contact_email__iexact=email))
    return parties + cases


def _intake(party: Party) -> dict:
    try:
        intake = party.intake
    except Party.intake.RelatedObjectDoesNotExist:
        return {}
    return {name: getattr(intake, name) for name in Intake.ANSWER_FIELDS} | {
        "submitted_at": intake.submitted_at.isoformat() if intake.submitted_at else None
    }


def export(objects) -> list[dict]:
    """A person's own data: their details and their own answers (never anyone else's)."""
    rows = []
    for obj in objects:
        if isinstance(obj, Party):
            rows.append(
                {
                    "kind": "mediation party",
                    "case": obj.case_id,
                    "name": obj.name,
                    "email": obj.email,
                    "language": obj.language,
                    "role": obj.role,
                    "invited_at": obj.invited_at.isoformat() if obj.invited_at else None,
                    "consent_at": obj.consent_at.isoformat() if obj.consent_at else None,
                    "pre_session_form": _intake(obj),
                    "check_ins": [
                        {
                            "due_at": c.due_at.isoformat(),
                            "answered_at": c.answered_at.isoformat() if c.answered_at else None,
                            "holding": c.holding,
                            "changed": c.changed,
                            "wants_meeting": c.wants_meeting,
                        }
                        for c in obj.checkins.all()
                    ],
                    "agreement_confirmations": [
                        {"version": c.version, "confirmed_at": c.confirmed_at.isoformat()}
                        for c in obj.confirmations.all()
                    ],
                }
            )
        elif isinstance(obj, MediationCase):
            rows.append(
                {
                    "kind": "mediation contact person",
                    "case": obj.pk,
                    "organisation": obj.organisation_name,
                    "name": obj.contact_name,
                    "email": obj.contact_email,
                    "phone": obj.contact_phone,
                    "commission_confirmed_at": (
                        obj.commission_confirmed_at.isoformat() if obj.commission_confirmed_at else None
                    ),
                }
            )
    return rows


def erase(objects) -> int:
    """Removes a party with everything they wrote; blanks a contact person's details."""
    parties = [obj for obj in objects if isinstance(obj, Party)]
    cases = [obj for obj in objects if isinstance(obj, MediationCase)]
    return party_erase(parties=parties) + case_contact_erase(cases=cases)


register(
    PersonalData(
        name="mediation",
        find=find,
        export=export,
        erase=erase,
        purge_due=purge_due,
        retention=(
            f"Content of a closed mediation case: {settings.MEDIATION_RETENTION_DAYS} days after closing; "
            "dates, stages and the outcome stay."
        ),
    )
)
