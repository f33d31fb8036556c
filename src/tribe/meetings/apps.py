from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "tribe.meetings"
    label = "meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.meetings import labels  # noqa: F401
