"""The reusable spam guard (core/spam.py) and rate limit (core/ratelimit.py)."""

import pytest
import time_machine
from django import forms
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from core import ratelimit, spam


class ContactForm(spam.SpamGuardMixin, forms.Form):
    name = forms.CharField()


def test_a_form_with_the_guard_passes_after_the_minimum_time_and_gives_a_submission_key():
    form = ContactForm()
    stamp = form.fields["form_started"].initial
    with time_machine.travel(5, tick=False):
        pass
    bound = ContactForm({"name": "A", "form_started": stamp})
    with time_machine.travel(__import__("time").time() + 10, tick=False):
        assert bound.is_valid(), bound.errors
    assert len(bound.submission_key) >= 12
    assert ContactForm().fields["form_started"].initial != stamp  # every shown form has its own nonce


def test_the_honeypot_is_rendered_off_screen_and_out_of_the_tab_order():
    html = str(ContactForm()["website"].as_field_group())
    assert 'tabindex="-1"' in html and 'autocomplete="off"' in html
    assert ContactForm()["website"].css_classes() == "hp-field"


def test_a_too_fast_form_gets_a_fresh_stamp_to_send_again():
    stamp = spam.stamp()
    form = ContactForm({"name": "A", "form_started": stamp})
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "too_fast"
    assert form.data["form_started"] != stamp
    assert spam.read_stamp(form.data["form_started"]) is not None


@pytest.mark.parametrize(
    ("rate", "expected"),
    [("10/h", (10, 3600)), ("5/15m", (5, 900)), ("1/s", (1, 1)), ("3 / 2d", (3, 172800))],
)
def test_rates_are_read_as_count_per_period(rate, expected):
    assert ratelimit.parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "10", "ten/h", "10/w"])
def test_a_bad_rate_is_refused_at_once(rate):
    with pytest.raises(ValueError):
        ratelimit.parse_rate(rate)


def _request(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_the_client_address_is_remote_addr_unless_our_proxies_are_declared(settings):
    settings.RATELIMIT_PROXY_COUNT = 0
    assert ratelimit.client_ip(_request(forwarded="198.51.100.1")) == "203.0.113.7"
    settings.RATELIMIT_PROXY_COUNT = 1
    # The client may write anything on the left; our one proxy appended the real address last.
    assert (
        ratelimit.client_ip(_request(remote="10.0.0.2", forwarded="1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    )


def test_ipv6_addresses_are_counted_per_64_network(settings):
    settings.RATELIMIT_PROXY_COUNT = 0
    one = ratelimit.client_ip(_request(remote="2001:db8:1:2::1"))
    other = ratelimit.client_ip(_request(remote="2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"


def test_the_limit_counts_per_address_and_opens_again_in_the_next_window():
    cache.clear()
    with time_machine.travel("2026-11-24 10:00:00+02:00", tick=False):
        results = [ratelimit.hit(scope="t", key="a", rate="2/h")[0] for _ in range(3)]
        assert results == [True, True, False]
        assert ratelimit.hit(scope="t", key="b", rate="2/h")[0] is True
        assert ratelimit.hit(scope="other", key="a", rate="2/h")[0] is True
    with time_machine.travel("2026-11-24 11:00:01+02:00", tick=False):
        assert ratelimit.hit(scope="t", key="a", rate="2/h")[0] is True


def test_the_decorator_answers_429_with_retry_after_and_only_counts_the_given_methods(settings, db):
    cache.clear()

    @ratelimit.ratelimit(scope="view", rate="1/m")
    def view(request):
        return HttpResponse("ok")

    assert view(RequestFactory().get("/")).status_code == 200
    assert view(RequestFactory().get("/")).status_code == 200
    assert view(_request()).status_code == 200
    limited = view(_request())
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 60
    settings.RATELIMIT_ENABLED = False
    assert view(_request()).status_code == 200


def test_a_failing_cache_lets_requests_through(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    assert ratelimit.hit(scope="t", key="a", rate="1/h") == (True, 0)
