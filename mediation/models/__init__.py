"""Workplace mediation: a case moves through six stages; parties take part through personal links.

Everything a party writes and everything the mediator notes is an EncryptedTextField: the
database holds only Fernet tokens. When a closed case has outlived MEDIATION_RETENTION_DAYS its
content is purged (mediation.actions.retention), leaving dates, stages and the outcome.
"""

from .agreement import Agreement, AgreementConfirmation, Commitment
from .case import MediationCase, Stage, StageChange, StageDocument, StageRecord
from .meeting import Meeting, TimeProposal, TimeVote
from .party import CheckIn, Intake, Party

__all__ = [
    "Agreement",
    "AgreementConfirmation",
    "CheckIn",
    "Commitment",
    "Intake",
    "MediationCase",
    "Meeting",
    "Party",
    "Stage",
    "StageChange",
    "StageDocument",
    "StageRecord",
    "TimeProposal",
    "TimeVote",
]
