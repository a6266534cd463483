from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content relative to today, for a local run (`make demo`): no other app imports it."""

    name = "demo"
    verbose_name = "Demo content"
