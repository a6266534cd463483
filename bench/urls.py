"""The site's URLs plus a hello-world view: the baseline of booking_page_rps_ratio_to_hello."""

from django.http import HttpResponse
from django.urls import path

from config.urls import handler400, handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world!", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
