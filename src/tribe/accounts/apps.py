from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tribe.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connected here, before any log-in (the test client's force_login too),
        # so that every new session starts its idle clock at log-in.
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from tribe.accounts import events
        from tribe.accounts.idle import start_clocks

        user_logged_in.connect(start_clocks, dispatch_uid="tribe.accounts.start_clocks")
        # The person's own security log (/profile/security/).
        user_logged_in.connect(events.on_logged_in, dispatch_uid="tribe.accounts.log_in")
        user_logged_out.connect(events.on_logged_out, dispatch_uid="tribe.accounts.log_out")
        user_login_failed.connect(events.on_login_failed, dispatch_uid="tribe.accounts.failed")
