"""Every page's address, one list per module of ``tribe.web.views``.

Routes about one object (a relationship, a meeting, a request…) are written
once under that object's address with :func:`under`; Django's ``include`` of
a plain list keeps their names in the ``web`` namespace.

Account pages use Django's auth views with Tribe's templates. Template names
are given explicitly because the admin app, listed first in INSTALLED_APPS,
ships its own ``registration/`` templates that would win.
"""

from __future__ import annotations

from django.contrib.auth import views as auth
from django.urls import URLPattern, URLResolver, include, path, reverse_lazy
from django.views import View

from tribe.web.forms.accounts import PasswordResetForm
from tribe.web.urls_advocacy import advocacy_routes
from tribe.web.urls_coaching import coaching_routes
from tribe.web.urls_journal import journal_routes
from tribe.web.urls_programmes import programme_routes
from tribe.web.views import (
    account_data,
    accounts,
    calendar,
    contacts,
    directory,
    finding,
    goals,
    health,
    keep,
    ledger,
    meetings,
    mentoring,
    notifications,
    prep,
    profile,
    relationships,
    schedule,
    today,
    tokens,
    unsubscribe,
)

# Every page name lives in the "web" namespace (``{% url "web:today" %}``), so
# the admin and, later, the API keep names of their own without clashes.
app_name = "web"

AUTH = "web/registration/"
RELATIONSHIP = "relationships/<int:relationship_id>/"
MEETING = "meetings/<int:meeting_id>/"

Route = URLPattern | URLResolver


def under(prefix: str, *routes: Route) -> URLResolver:
    """``routes``, each after ``prefix`` (which may capture the object's id)."""
    return path(prefix, include(list(routes)))


def auth_page(route: str, view: type[View], name: str, **options: object) -> URLPattern:
    """One of Django's account views on one of Tribe's templates."""
    return path(route, view.as_view(**options), name=name)


account_routes: list[Route] = [
    path("", accounts.landing, name="landing"),
    path("signup/", accounts.signup, name="signup"),
    path("signup/sent/", accounts.signup_sent, name="signup_sent"),
    path("verify/<str:token>/", accounts.verify_email, name="verify_email"),
    path("unsubscribe/<str:token>/", unsubscribe.unsubscribe, name="unsubscribe"),
    auth_page(
        "login/",
        accounts.LoginView,
        "login",
        template_name=AUTH + "login.html",
        redirect_authenticated_user=True,
    ),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    under(
        "password/",
        auth_page(
            "change/",
            accounts.PasswordChangeView,
            "password_change",
            template_name=AUTH + "password_change_form.html",
            success_url=reverse_lazy("web:password_change_done"),
        ),
        auth_page(
            "change/done/",
            auth.PasswordChangeDoneView,
            "password_change_done",
            template_name=AUTH + "password_change_done.html",
        ),
        auth_page(
            "reset/",
            auth.PasswordResetView,
            "password_reset",
            template_name=AUTH + "password_reset_form.html",
            email_template_name=AUTH + "password_reset_email.txt",
            subject_template_name=AUTH + "password_reset_subject.txt",
            form_class=PasswordResetForm,
            success_url=reverse_lazy("web:password_reset_done"),
        ),
        auth_page(
            "reset/sent/",
            auth.PasswordResetDoneView,
            "password_reset_done",
            template_name=AUTH + "password_reset_done.html",
        ),
        auth_page(
            "reset/<uidb64>/<token>/",
            accounts.PasswordResetConfirmView,
            "password_reset_confirm",
            template_name=AUTH + "password_reset_confirm.html",
            success_url=reverse_lazy("web:password_reset_complete"),
        ),
        auth_page(
            "reset/done/",
            auth.PasswordResetCompleteView,
            "password_reset_complete",
            template_name=AUTH + "password_reset_complete.html",
        ),
    ),
]

today_routes: list[Route] = [path("today/", today.today, name="today")]

profile_routes: list[Route] = [
    under(
        "profile/",
        path("", profile.profile, name="profile"),
        path("availability/", profile.availability, name="availability"),
        path("verify/", profile.verification_resend, name="verification_resend"),
        path("data/", account_data.data_download, name="data_download"),
        path("security/", accounts.security_log, name="security_log"),
        path("tokens/", tokens.token_list, name="tokens"),
        path("tokens/<int:token_id>/revoke/", tokens.token_revoke_page, name="token_revoke"),
        path("erase/", account_data.account_erase_page, name="account_erase"),
        path("notifications/", notifications.notifications, name="notifications"),
        path(
            "notifications/<int:message_id>/retry/",
            notifications.notification_retry,
            name="notification_retry",
        ),
    ),
]

goal_routes: list[Route] = [
    under(
        "goals/",
        path("", goals.goal_list, name="goals"),
        path("new/", goals.goal_new, name="goal_new"),
        path("<int:goal_id>/edit/", goals.goal_edit, name="goal_edit"),
        path("<int:goal_id>/delete/", goals.goal_remove, name="goal_delete"),
    ),
]

contact_routes: list[Route] = [
    under(
        "contacts/",
        path("", contacts.contact_list, name="contacts"),
        path("new/", contacts.contact_new, name="contact_new"),
        path("import/", contacts.contact_import, name="contact_import"),
        under(
            "<int:contact_id>/",
            path("edit/", contacts.contact_edit, name="contact_edit"),
            path("delete/", contacts.contact_remove, name="contact_delete"),
            path("unlink/", contacts.contact_unlink_page, name="contact_unlink"),
        ),
    ),
]

relationship_routes: list[Route] = [
    path("relationships/", relationships.board, name="relationships"),
    path("relationships/new/", relationships.relationship_new, name="relationship_new"),
    under(
        RELATIONSHIP,
        path("", relationships.relationship_detail, name="relationship"),
        path("edit/", relationships.relationship_edit, name="relationship_edit"),
        path("status/", relationships.relationship_status, name="relationship_status"),
        path("agreement/", relationships.agreement_edit, name="agreement_edit"),
        path("delete/", relationships.relationship_remove, name="relationship_delete"),
    ),
]

meeting_routes: list[Route] = [
    under(
        RELATIONSHIP,
        path("meetings/new/", meetings.meeting_new, name="meeting_new"),
        path("notes/new/", meetings.note_new, name="note_new"),
        path("actions/new/", meetings.action_new, name="action_new"),
    ),
    under(
        MEETING,
        path("edit/", meetings.meeting_edit, name="meeting_edit"),
        path("status/", meetings.meeting_mark, name="meeting_mark"),
        path("delete/", meetings.meeting_remove, name="meeting_delete"),
    ),
    under(
        "notes/<int:note_id>/",
        path("edit/", meetings.note_edit, name="note_edit"),
        path("delete/", meetings.note_remove, name="note_delete"),
    ),
    under(
        "actions/<int:item_id>/",
        path("edit/", meetings.action_edit, name="action_edit"),
        path("done/", meetings.action_done, name="action_done"),
        path("delete/", meetings.action_remove, name="action_delete"),
    ),
]

keep_routes: list[Route] = [
    under(
        RELATIONSHIP,
        path("contact/new/", keep.touchpoint_new, name="touchpoint_new"),
        path("snooze/", keep.snooze, name="snooze"),
        path("unsnooze/", keep.unsnooze, name="unsnooze"),
        path("questions/new/", keep.question_new, name="question_new"),
        path("advice/new/", keep.advice_new, name="advice_new"),
        path("thanks/new/", keep.gratitude_new, name="gratitude_new"),
        path("updates/cadence/", keep.update_cadence, name="update_cadence"),
        path("updates/new/", keep.update_send, name="update_send"),
        path("updates/email/", keep.update_email, name="update_email"),
    ),
    path(
        "contact-log/<int:touchpoint_id>/delete/", keep.touchpoint_remove, name="touchpoint_delete"
    ),
    under(
        "questions/<int:question_id>/",
        path("answered/", keep.question_answered, name="question_answered"),
        path("delete/", keep.question_remove, name="question_delete"),
    ),
]

schedule_routes: list[Route] = [
    under(
        RELATIONSHIP,
        path("schedule/", schedule.schedule, name="schedule"),
        path("series/new/", schedule.series_new, name="series_new"),
    ),
    under(
        "series/<int:series_id>/",
        path("cancel/", schedule.series_remove, name="series_cancel"),
        path("invite.ics", schedule.series_invite, name="series_invite"),
    ),
]

prep_routes: list[Route] = [
    under(
        MEETING,
        path("", prep.meeting_detail, name="meeting"),
        path("print/", prep.meeting_print, name="meeting_print"),
        path("agenda/", prep.agenda_edit, name="agenda_edit"),
        path("follow-up/", prep.follow_up_sent, name="follow_up_sent"),
        path("follow-up/email/", prep.follow_up_email, name="follow_up_email"),
        path("invite.ics", prep.meeting_invite, name="meeting_invite"),
    ),
]

ledger_routes: list[Route] = [
    path("overdue/", ledger.overdue, name="overdue"),
    path("advice/", ledger.advice_log, name="advice_log"),
    under(
        "advice/<int:advice_id>/",
        path("decide/", ledger.advice_decide_page, name="advice_decide"),
        path("outcome/", ledger.advice_outcome, name="advice_outcome"),
        path("report-back/", ledger.advice_report_back, name="advice_report_back"),
        path("share/", ledger.advice_share, name="advice_share"),
        path("unshare/", ledger.advice_unshare, name="advice_unshare"),
    ),
    path("gratitude/", ledger.gratitude, name="gratitude"),
    path("updates/", ledger.updates, name="updates"),
    path("wins/", ledger.wins, name="wins"),
    path("wins/<int:win_id>/delete/", ledger.win_remove, name="win_delete"),
]

calendar_routes: list[Route] = [
    under(
        "calendar/",
        path("", calendar.calendar_settings, name="calendar"),
        path("rotate/", calendar.calendar_rotate, name="calendar_rotate"),
        path("revoke/", calendar.calendar_revoke, name="calendar_revoke"),
        # Public: the token is the key (no sign-in, so calendar apps can subscribe).
        path("<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    ),
]

finding_routes: list[Route] = [
    path("find/", finding.find, name="find"),
    path("find/need/<int:goal_id>/", finding.find_need, name="find_need"),
    path("mentors/", directory.mentor_directory, name="directory"),
    path("mentors/<int:mentor_id>/", directory.mentor_public_profile, name="mentor_profile"),
    path("search/", directory.search, name="search"),
    under(
        "find/fit/<int:goal_id>/",
        path("", finding.fit, name="fit"),
        path("prospect/", finding.fit_prospect, name="fit_prospect"),
        path("not-a-match/", finding.fit_not_a_match, name="not_a_match"),
        path("not-a-match/<int:not_a_match_id>/undo/", finding.fit_undo, name="not_a_match_undo"),
    ),
    under(
        RELATIONSHIP,
        path("ask/", finding.ask, name="ask"),
        path("ask/send/", finding.ask_send, name="ask_send"),
        path("ask/email/", finding.ask_email, name="ask_email"),
        path("ask/thank-you/email/", finding.ask_thank_you_email, name="ask_thank_you_email"),
        path("ask/nudge/", finding.ask_nudge, name="ask_nudge"),
        path("ask/answer/", finding.ask_answer, name="ask_answer"),
        path("start/", finding.start, name="start"),
    ),
]

mentoring_routes: list[Route] = [
    path("requests/", mentoring.requests, name="requests"),
    under(
        "requests/<int:relationship_id>/",
        path("accept/", mentoring.request_accept_page, name="request_accept"),
        path("decline/", mentoring.request_decline_page, name="request_decline"),
        path("ask/", mentoring.request_info_page, name="request_info"),
        path("block/", mentoring.request_block_page, name="request_block"),
    ),
    path("blocked/", mentoring.blocked, name="blocked"),
    path("blocked/<int:person_id>/unblock/", mentoring.unblock, name="unblock"),
    path("impact/", mentoring.impact, name="impact"),
    path("mentoring/forward/", mentoring.forward, name="forward"),
    path("tribe/", mentoring.tribe, name="tribe"),
]

#: For load balancers and monitors: no sign-in, no database.
health_routes: list[Route] = [path("health/", health.health, name="health")]

urlpatterns: list[Route] = [
    *health_routes,
    *account_routes,
    *today_routes,
    *profile_routes,
    *goal_routes,
    *contact_routes,
    *relationship_routes,
    *meeting_routes,
    *keep_routes,
    *schedule_routes,
    *prep_routes,
    *ledger_routes,
    *calendar_routes,
    *finding_routes,
    *mentoring_routes,
    *journal_routes,
    *coaching_routes,
    *advocacy_routes,
    *programme_routes,
]
