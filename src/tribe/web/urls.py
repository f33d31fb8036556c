"""Every page's address. Account pages use Django's auth views with Tribe's templates.

Template names are given explicitly because the admin app, listed first in
INSTALLED_APPS, ships its own ``registration/`` templates that would win.
"""

from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from tribe.web.views import (
    accounts,
    calendar,
    contacts,
    finding,
    goals,
    keep,
    ledger,
    meetings,
    mentoring,
    prep,
    profile,
    relationships,
    schedule,
    today,
)

# Every page name lives in the "web" namespace (``{% url "web:today" %}``), so
# the admin and, later, the API keep names of their own without clashes.
app_name = "web"

AUTH = "web/registration/"

urlpatterns = [
    path("", accounts.landing, name="landing"),
    path("signup/", accounts.signup, name="signup"),
    path("signup/sent/", accounts.signup_sent, name="signup_sent"),
    path("verify/<str:token>/", accounts.verify_email, name="verify_email"),
    path(
        "login/",
        auth.LoginView.as_view(template_name=AUTH + "login.html", redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth.PasswordChangeView.as_view(
            template_name=AUTH + "password_change_form.html",
            success_url=reverse_lazy("web:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth.PasswordChangeDoneView.as_view(template_name=AUTH + "password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth.PasswordResetView.as_view(
            template_name=AUTH + "password_reset_form.html",
            email_template_name=AUTH + "password_reset_email.txt",
            subject_template_name=AUTH + "password_reset_subject.txt",
            success_url=reverse_lazy("web:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name=AUTH + "password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(
            template_name=AUTH + "password_reset_confirm.html",
            success_url=reverse_lazy("web:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth.PasswordResetCompleteView.as_view(template_name=AUTH + "password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("today/", today.today, name="today"),
    path("profile/", profile.profile, name="profile"),
    path("profile/availability/", profile.availability, name="availability"),
    path("profile/verify/", profile.verification_resend, name="verification_resend"),
    path("goals/", goals.goal_list, name="goals"),
    path("goals/new/", goals.goal_new, name="goal_new"),
    path("goals/<int:goal_id>/edit/", goals.goal_edit, name="goal_edit"),
    path("goals/<int:goal_id>/delete/", goals.goal_remove, name="goal_delete"),
    path("contacts/", contacts.contact_list, name="contacts"),
    path("contacts/new/", contacts.contact_new, name="contact_new"),
    path("contacts/import/", contacts.contact_import, name="contact_import"),
    path("contacts/<int:contact_id>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:contact_id>/delete/", contacts.contact_remove, name="contact_delete"),
    path("contacts/<int:contact_id>/unlink/", contacts.contact_unlink_page, name="contact_unlink"),
    path("relationships/", relationships.board, name="relationships"),
    path("relationships/new/", relationships.relationship_new, name="relationship_new"),
    path(
        "relationships/<int:relationship_id>/",
        relationships.relationship_detail,
        name="relationship",
    ),
    path(
        "relationships/<int:relationship_id>/edit/",
        relationships.relationship_edit,
        name="relationship_edit",
    ),
    path(
        "relationships/<int:relationship_id>/status/",
        relationships.relationship_status,
        name="relationship_status",
    ),
    path(
        "relationships/<int:relationship_id>/agreement/",
        relationships.agreement_edit,
        name="agreement_edit",
    ),
    path(
        "relationships/<int:relationship_id>/delete/",
        relationships.relationship_remove,
        name="relationship_delete",
    ),
    path(
        "relationships/<int:relationship_id>/meetings/new/",
        meetings.meeting_new,
        name="meeting_new",
    ),
    path("relationships/<int:relationship_id>/notes/new/", meetings.note_new, name="note_new"),
    path(
        "relationships/<int:relationship_id>/actions/new/", meetings.action_new, name="action_new"
    ),
    path("meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/status/", meetings.meeting_mark, name="meeting_mark"),
    path("meetings/<int:meeting_id>/delete/", meetings.meeting_remove, name="meeting_delete"),
    path("notes/<int:note_id>/edit/", meetings.note_edit, name="note_edit"),
    path("notes/<int:note_id>/delete/", meetings.note_remove, name="note_delete"),
    path("actions/<int:item_id>/edit/", meetings.action_edit, name="action_edit"),
    path("actions/<int:item_id>/done/", meetings.action_done, name="action_done"),
    path("actions/<int:item_id>/delete/", meetings.action_remove, name="action_delete"),
    # Keeping the relationship alive (issue 4)
    path(
        "relationships/<int:relationship_id>/contact/new/",
        keep.touchpoint_new,
        name="touchpoint_new",
    ),
    path(
        "contact-log/<int:touchpoint_id>/delete/", keep.touchpoint_remove, name="touchpoint_delete"
    ),
    path("relationships/<int:relationship_id>/snooze/", keep.snooze, name="snooze"),
    path("relationships/<int:relationship_id>/unsnooze/", keep.unsnooze, name="unsnooze"),
    path(
        "relationships/<int:relationship_id>/questions/new/", keep.question_new, name="question_new"
    ),
    path("questions/<int:question_id>/answered/", keep.question_answered, name="question_answered"),
    path("questions/<int:question_id>/delete/", keep.question_remove, name="question_delete"),
    path("relationships/<int:relationship_id>/advice/new/", keep.advice_new, name="advice_new"),
    path(
        "relationships/<int:relationship_id>/thanks/new/", keep.gratitude_new, name="gratitude_new"
    ),
    path(
        "relationships/<int:relationship_id>/updates/cadence/",
        keep.update_cadence,
        name="update_cadence",
    ),
    path("relationships/<int:relationship_id>/updates/new/", keep.update_send, name="update_send"),
    path("relationships/<int:relationship_id>/schedule/", schedule.schedule, name="schedule"),
    path("relationships/<int:relationship_id>/series/new/", schedule.series_new, name="series_new"),
    path("series/<int:series_id>/cancel/", schedule.series_remove, name="series_cancel"),
    path("series/<int:series_id>/invite.ics", schedule.series_invite, name="series_invite"),
    path("meetings/<int:meeting_id>/", prep.meeting_detail, name="meeting"),
    path("meetings/<int:meeting_id>/print/", prep.meeting_print, name="meeting_print"),
    path("meetings/<int:meeting_id>/agenda/", prep.agenda_edit, name="agenda_edit"),
    path("meetings/<int:meeting_id>/follow-up/", prep.follow_up_sent, name="follow_up_sent"),
    path("meetings/<int:meeting_id>/invite.ics", prep.meeting_invite, name="meeting_invite"),
    path("overdue/", ledger.overdue, name="overdue"),
    path("advice/", ledger.advice_log, name="advice_log"),
    path("advice/<int:advice_id>/decide/", ledger.advice_decide_page, name="advice_decide"),
    path("advice/<int:advice_id>/outcome/", ledger.advice_outcome, name="advice_outcome"),
    path(
        "advice/<int:advice_id>/report-back/", ledger.advice_report_back, name="advice_report_back"
    ),
    path("gratitude/", ledger.gratitude, name="gratitude"),
    path("updates/", ledger.updates, name="updates"),
    path("wins/", ledger.wins, name="wins"),
    path("wins/<int:win_id>/delete/", ledger.win_remove, name="win_delete"),
    path("calendar/", calendar.calendar_settings, name="calendar"),
    path("calendar/rotate/", calendar.calendar_rotate, name="calendar_rotate"),
    path("calendar/revoke/", calendar.calendar_revoke, name="calendar_revoke"),
    # Finding mentors and becoming one (issue 5)
    path("find/", finding.find, name="find"),
    path("find/fit/<int:goal_id>/", finding.fit, name="fit"),
    path("find/fit/<int:goal_id>/prospect/", finding.fit_prospect, name="fit_prospect"),
    path("find/fit/<int:goal_id>/not-a-match/", finding.fit_not_a_match, name="not_a_match"),
    path(
        "find/fit/<int:goal_id>/not-a-match/<int:not_a_match_id>/undo/",
        finding.fit_undo,
        name="not_a_match_undo",
    ),
    path("relationships/<int:relationship_id>/ask/", finding.ask, name="ask"),
    path("relationships/<int:relationship_id>/ask/send/", finding.ask_send, name="ask_send"),
    path("relationships/<int:relationship_id>/ask/nudge/", finding.ask_nudge, name="ask_nudge"),
    path("relationships/<int:relationship_id>/ask/answer/", finding.ask_answer, name="ask_answer"),
    path("relationships/<int:relationship_id>/start/", finding.start, name="start"),
    path("requests/", mentoring.requests, name="requests"),
    path(
        "requests/<int:relationship_id>/accept/",
        mentoring.request_accept_page,
        name="request_accept",
    ),
    path(
        "requests/<int:relationship_id>/decline/",
        mentoring.request_decline_page,
        name="request_decline",
    ),
    path("requests/<int:relationship_id>/ask/", mentoring.request_info_page, name="request_info"),
    path(
        "requests/<int:relationship_id>/block/",
        mentoring.request_block_page,
        name="request_block",
    ),
    path("blocked/", mentoring.blocked, name="blocked"),
    path("blocked/<int:person_id>/unblock/", mentoring.unblock, name="unblock"),
    path("impact/", mentoring.impact, name="impact"),
    path("tribe/", mentoring.tribe, name="tribe"),
    # Public: the token is the key (no sign-in, so calendar apps can subscribe).
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
]
