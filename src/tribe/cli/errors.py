"""The errors the ``tribe`` command raises itself: options that do not go together, bad values.

Errors of the apps (no such goal, a date in the future …) come with their own
codes from the services; these are the command line's own. The ``MSG_*``
templates stay plain English (``gettext_noop`` only marks them for extraction)
so that tests can compare them; ``ErrorCode.message`` translates them into the
CLI's language when the error is raised. How any error is shown (one line on
stderr, an exit status) is decided in one place: :func:`tribe.cli.output.fail`.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

# Whose data (``--as``).
MSG_WHO = gettext_noop("say whose data with --as EMAIL (this installation has {count} accounts)")
MSG_NO_ACCOUNTS = gettext_noop(
    "there are no accounts yet: sign up in the web app or run `tribe demo`"
)

# Values of options and arguments.
MSG_PORT = gettext_noop("must be between 1 and 65535")
MSG_LIMIT = gettext_noop("must be a whole number of at least 1")
MSG_DATE = gettext_noop("“{value}” is not a date (use YYYY-MM-DD, for example 2026-03-08)")
MSG_READ = gettext_noop("cannot read {path}: {reason}")
#: The ``reason`` of ``MSG_READ`` for a file that is not text.
MSG_NOT_UTF8 = gettext_noop("not UTF-8 text")

# Options that go together, or do not.
MSG_ONLY_WITH_MARK = gettext_noop("goes with --not-a-match NAME_OR_EMAIL")
MSG_GOAL_OR_ALL = gettext_noop("choose --goal or --all-goals, not both")
MSG_MESSAGE_ALONE = gettext_noop("a message file goes with --send")
MSG_REASON_ALONE = gettext_noop("a reason goes with a decision: add --decision")

# What WITH names, and what belongs to it.
MSG_NO_MEETING = gettext_noop("no upcoming meeting with {name}: plan one first")
MSG_NOT_WITH = gettext_noop("is not a meeting of yours with {name}")
MSG_ADVICE_NOT_WITH = gettext_noop("is advice from someone other than {name}")

# ``tribe match``: which files, and what is in them.
MSG_CHOOSE_INPUT = gettext_noop(
    "give --participants FILE, or --pairs FILE together with --mentors FILE"
)
MSG_BOTH_INPUTS = gettext_noop("--participants cannot be combined with --pairs/--mentors")
MSG_NO_MENTEES = gettext_noop("{file}: no mentees (role mentee or both)")
MSG_NO_MENTORS = gettext_noop("{file}: no mentors (role mentor or both)")
#: The engine refused the roster's content; ``reason`` is the engine's own words.
MSG_ROSTER_REFUSED = gettext_noop("{file}: {reason}")


class CliCode(ErrorCode):
    """Error codes of the command line: the value is stable (tests), the message is shown."""

    WHO = "which_person", MSG_WHO
    NO_ACCOUNTS = "no_accounts", MSG_NO_ACCOUNTS
    PORT = "bad_port", MSG_PORT
    LIMIT = "bad_limit", MSG_LIMIT
    DATE = "bad_date", MSG_DATE
    UNREADABLE = "unreadable_file", MSG_READ
    ONLY_WITH_MARK = "needs_not_a_match", MSG_ONLY_WITH_MARK
    GOAL_OR_ALL = "goal_and_all_goals", MSG_GOAL_OR_ALL
    MESSAGE_ALONE = "message_without_send", MSG_MESSAGE_ALONE
    REASON_ALONE = "reason_without_decision", MSG_REASON_ALONE
    NO_MEETING = "no_upcoming_meeting", MSG_NO_MEETING
    NOT_WITH = "meeting_not_with", MSG_NOT_WITH
    ADVICE_NOT_WITH = "advice_not_with", MSG_ADVICE_NOT_WITH
    CHOOSE_INPUT = "no_input", MSG_CHOOSE_INPUT
    BOTH_INPUTS = "both_inputs", MSG_BOTH_INPUTS
    NO_MENTEES = "no_mentees", MSG_NO_MENTEES
    NO_MENTORS = "no_mentors", MSG_NO_MENTORS
    ROSTER_REFUSED = "roster_refused", MSG_ROSTER_REFUSED
