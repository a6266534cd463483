"""The case page's part in the parties' links: inviting from the details form, a corrected address
(its old links revoked, a fresh invitation sent), the same for the contact person's address, and
the mediator's "revoke links" per party."""

from django.contrib import messages
from django.http import Http404
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..actions.links import contact_email_changed, links_revoke
from ..actions.parties import party_email_changed, party_invite


class PartyLinksMixin:
    """For MediationCaseAdmin (which provides owned_or_404 and _back)."""

    def party_urls(self):
        return [
            path(
                "<int:pk>/party/<int:party>/revoke/",
                self.admin_site.admin_view(self.revoke_links_view),
                name="mediation_case_revoke_links",
            )
        ]

    @staticmethod
    def readdressed(formset) -> set[int]:
        """The saved parties whose email address this formset changes (before it is saved)."""
        return {f.instance.pk for f in formset.initial_forms if f.has_changed() and "email" in f.changed_data}

    def parties_saved(self, request, formset, readdressed: set[int]) -> None:
        """After the parties were saved: a corrected address ends the old links (and re-invites an
        invited party); a ticked "send invitation" invites."""
        for party_form in formset.forms:
            party = party_form.instance
            if party.pk is None:
                continue
            if party.pk in readdressed:
                party = party_email_changed(party=party, by_user=request.user)
                messages.info(request, _("The links sent to %(name)s were revoked.") % {"name": party.name})
                if party.invited_at is not None:
                    messages.success(request, _("Invitation sent to %(name)s.") % {"name": party.name})
                    continue
            if party_form.cleaned_data.get("send_invitation"):
                party_invite(party=party)
                messages.success(request, _("Invitation sent to %(name)s.") % {"name": party.name})

    def contact_readdressed(self, request, case) -> None:
        """After the contact person's address was corrected: their old links end, and a contact
        who had been sent a link gets a fresh one at the new address."""
        sent = contact_email_changed(case=case, by_user=request.user)
        messages.info(request, _("The links sent to the contact person were revoked."))
        if sent:
            messages.success(request, _("A new link was sent to the contact person at the new address."))

    @method_decorator(require_POST)
    def revoke_links_view(self, request, pk, party):
        """The mediator ends every link a party was sent (say, one was forwarded by mistake); the
        next email to the party carries a new one. Recorded in the history."""
        case = self.owned_or_404(request, pk)
        party = case.parties.filter(pk=party).first()
        if party is None:
            raise Http404
        links_revoke(person=party, by_user=request.user)
        messages.success(
            request,
            _("The links sent to %(name)s were revoked. Invite them again to send a new one.")
            % {"name": party.name},
        )
        return self._back(case)
