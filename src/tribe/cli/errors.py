"""The errors the ``tribe`` command raises itself: options that do not go together, bad values.

Errors of the apps (no such goal, a date in the future …) come with their own
codes from the services; these are the command line's own. Each code carries
its message, plain English (``gettext_noop`` only marks it for extraction) so
that tests can compare it (``CliCode.WHO.template``); ``ErrorCode.message``
translates it into the CLI's language when the error is raised. How any error is
shown (one line on stderr, an exit status) is decided in one place:
:func:`tribe.cli.output.fail`.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from tribe.core.errors import ErrorCode

#: The ``reason`` of ``CliCode.UNREADABLE`` for a file that is not text.
MSG_NOT_UTF8 = gettext_noop("not UTF-8 text")


class CliCode(ErrorCode):
    """Error codes of the command line: the value is stable (tests), the message is shown."""

    # Whose data (``--as``).
    WHO = (
        "which_person",
        gettext_noop("say whose data with --as EMAIL (this installation has {count} accounts)"),
    )
    NO_ACCOUNTS = (
        "no_accounts",
        gettext_noop("there are no accounts yet: sign up in the web app or run `tribe demo`"),
    )

    # Values of options and arguments.
    PORT = "bad_port", gettext_noop("must be between 1 and 65535")
    INTERVAL = "bad_interval", gettext_noop("must be between {low} and {high} seconds")
    LIMIT = "bad_limit", gettext_noop("must be a whole number of at least 1")
    HOURS = "bad_hours", gettext_noop("must be a number of hours from 0 to 24")
    NOT_A_NUMBER = "not_a_number", gettext_noop("“{value}” is not a whole number")
    DATE = (
        "bad_date",
        gettext_noop("“{value}” is not a date (use YYYY-MM-DD, for example 2026-03-08)"),
    )
    UNREADABLE = "unreadable_file", gettext_noop("cannot read {path}: {reason}")

    # Options that go together, or do not.
    ONLY_WITH_MARK = "needs_not_a_match", gettext_noop("goes with --not-a-match NAME_OR_EMAIL")
    GOAL_OR_ALL = "goal_and_all_goals", gettext_noop("choose --goal or --all-goals, not both")
    SUMMARY_WITH_OFF = (
        "summary_with_off",
        gettext_noop("--off stops sharing, so nothing is shown: leave out --summary"),
    )
    ERASE_UNCONFIRMED = (
        "erase_unconfirmed",
        gettext_noop("not a terminal, so nobody can confirm: add --yes to erase"),
    )
    MESSAGE_ALONE = "message_without_send", gettext_noop("a message file goes with --send")
    REASON_ALONE = (
        "reason_without_decision",
        gettext_noop("a reason goes with a decision: add --decision"),
    )

    # What WITH names, and what belongs to it.
    NO_MEETING = (
        "no_upcoming_meeting",
        gettext_noop("no upcoming meeting with {name}: plan one first"),
    )
    NOT_WITH = "meeting_not_with", gettext_noop("is not a meeting of yours with {name}")
    ADVICE_NOT_WITH = "advice_not_with", gettext_noop("is advice from someone other than {name}")

    # ``tribe match``: which files, and what is in them.
    CHOOSE_INPUT = (
        "no_input",
        gettext_noop("give --participants FILE, or --pairs FILE together with --mentors FILE"),
    )
    BOTH_INPUTS = (
        "both_inputs",
        gettext_noop("--participants cannot be combined with --pairs/--mentors"),
    )
    NO_MENTEES = "no_mentees", gettext_noop("{file}: no mentees (role mentee or both)")
    NO_MENTORS = "no_mentors", gettext_noop("{file}: no mentors (role mentor or both)")
    #: The engine refused the roster's content; ``reason`` is the engine's own words.
    ROSTER_REFUSED = "roster_refused", gettext_noop("{file}: {reason}")
