from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "tribe.relationships"
    label = "relationships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.relationships import labels  # noqa: F401
