from django.conf import settings


def site(request):
    return {
        "PRACTICE_NAME": settings.PRACTICE_NAME,
        "PRACTICE_EMAIL": settings.PRACTICE_EMAIL,
        "PRACTICE_PHONE": settings.PRACTICE_PHONE,
        "SITE_URL": settings.SITE_URL,
    }
