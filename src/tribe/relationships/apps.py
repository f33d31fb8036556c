from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "tribe.relationships"
    label = "relationships"
    default_auto_field = "django.db.models.BigAutoField"
