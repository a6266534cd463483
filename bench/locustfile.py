"""The visitors of the load run (bench/load.py starts locust with this file; not a benchmark itself).

BENCH_LOAD_PLAN (JSON, written by bench/load.py) names the pages and the popular times:
- browsers read the home page, a service page and the booking pages of a session type;
- availability readers ask the JSON API for a month of free times;
- bookers go through the booking flow for one of a few popular times, as many people at once
  do for the first free evening: details, review, book. Losing the time to someone faster (the
  "time was taken" page, or the day's free times when it went while the details were typed)
  is a correct answer, not an error; anything 5xx, a refused CSRF token or a booking page that
  breaks is.
"""

import json
import os
import random
import re

from locust import HttpUser, between, task

PLAN = json.loads(os.environ["BENCH_LOAD_PLAN"])
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', re.I)
HIDDEN_REVERSED = re.compile(r'<input[^>]*name="([^"]+)"[^>]*type="hidden"[^>]*value="([^"]*)"', re.I)
ERRORS = re.compile(r'<div class="error-summary".*?</div>', re.S)


def hidden_fields(html: str) -> dict[str, str]:
    fields = dict(HIDDEN.findall(html))
    fields.update(HIDDEN_REVERSED.findall(html))
    return fields


class Browser(HttpUser):
    weight = 3
    wait_time = between(1, 3)

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(2)
    def service_page(self):
        self.client.get(random.choice(PLAN["service_pages"]), name="service page")

    @task(4)
    def month(self):
        self.client.get(PLAN["month"], name="booking month")

    @task(2)
    def times(self):
        self.client.get(random.choice(PLAN["times"]), name="booking times")


class AvailabilityReader(HttpUser):
    weight = 2
    wait_time = between(1, 3)

    @task(4)
    def availability(self):
        self.client.get(PLAN["availability"], name="api availability")

    @task(1)
    def session_types(self):
        self.client.get("/api/v1/session-types/", name="api session types")


class Booker(HttpUser):
    weight = 1
    wait_time = between(1, 2)

    @task
    def book_a_popular_time(self):
        details_url = random.choice(PLAN["popular"])
        with self.client.get(details_url, name="details", catch_response=True) as page:
            if page.status_code != 200:
                page.failure(f"details page answered {page.status_code}")
                return
            if PLAN["details_path"] not in page.url:
                page.success()  # someone was faster: back to the free times of that day
                return
            form = hidden_fields(page.text)
        self.wait()  # a person types their details (longer than SPAM_MIN_FILL_SECONDS)
        number = random.randrange(10**9)
        form.update(name=f"Kuormitus {number}", email=f"load{number}@example.fi", phone="", notes="")
        with self.client.post(details_url, data=form, name="details post", catch_response=True) as sent:
            if sent.status_code != 200 or PLAN["review_path"] not in sent.url:
                if sent.status_code == 200 and PLAN["details_path"] not in sent.url:
                    sent.success()  # taken while the details were typed: back to the free times
                    return
                summary = re.sub(r"<[^>]+>|\s+", " ", (ERRORS.search(sent.text) or [""])[0]).strip()
                sent.failure(f"details were not accepted ({sent.status_code}): {summary}")
                return
            review = hidden_fields(sent.text)
            review_url = sent.url
        with self.client.post(review_url, data=review, name="book", catch_response=True) as booked:
            if booked.status_code == 200 and (
                PLAN["manage_path"] in booked.url or PLAN["taken_path"] in booked.url
            ):
                booked.success()
            else:
                booked.failure(f"booking answered {booked.status_code} at {booked.url}")
