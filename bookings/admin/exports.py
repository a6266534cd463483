from .views import calendar as export_view  # noqa
