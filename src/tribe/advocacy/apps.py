from django.apps import AppConfig


class AdvocacyConfig(AppConfig):
    name = "tribe.advocacy"
    label = "advocacy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.advocacy import labels  # noqa: F401
