from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "tribe.ledger"
    label = "ledger"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers this app's choice labels inside sentences (tribe.core.labels).
        from tribe.ledger import labels  # noqa: F401
