from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tribe.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.people import labels  # noqa: F401
