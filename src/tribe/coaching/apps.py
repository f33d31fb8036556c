from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "tribe.coaching"
    label = "coaching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.coaching import labels  # noqa: F401
