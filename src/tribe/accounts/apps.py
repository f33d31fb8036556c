from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tribe.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connected here, before any log-in (the test client's force_login too),
        # so that every new session starts its idle clock at log-in.
        from django.contrib.auth.signals import user_logged_in

        from tribe.accounts.idle import start_clocks

        user_logged_in.connect(start_clocks, dispatch_uid="tribe.accounts.start_clocks")
