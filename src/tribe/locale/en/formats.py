"""English date formats: day before month, 24-hour clock, as Tribe always showed them.

``tribe/locale/`` is laid out as Django's own ``django/conf/locale``:
``<lang>/LC_MESSAGES/`` holds the gettext catalog (``LOCALE_PATHS``) and
``<lang>/formats.py`` the date formats (``FORMAT_MODULE_PATH = ["tribe.locale"]``).
``locale/`` itself has no ``__init__.py`` (a namespace package): with one, a
``makemessages`` run from ``src/tribe`` would import it in place of the
standard library's ``locale``.

Besides Django's named formats, pages use three of Tribe's own, which every
language in ``LANGUAGES`` defines (a test checks it): ``LONG_DATE_FORMAT``,
``LONG_DATETIME_FORMAT`` (weekday and month in full) and ``DAY_TIME_FORMAT``
(weekday, day and time without the year). Django looks a name up in these
modules before it treats it as a literal format, so
``{{ value|date:"LONG_DATE_FORMAT" }}`` works as ``"DATE_FORMAT"`` does, and
in Python ``django.utils.formats.date_format(value, "LONG_DATE_FORMAT")``.

The ``PADDED_*`` names are for the texts written in Python (the CLI, the Today
list, drafts, agendas, error messages), which in English show the day with a
leading zero, as they always did:

- ``PADDED_DATE_FORMAT``: a day in a sentence ("due 08 Mar 2026").
- ``PADDED_MONTH_DAY_FORMAT``: the same without the year ("due 08 Mar").
- ``PADDED_FULL_MONTH_DAY_FORMAT``: the month in full ("around 08 March").
- ``PADDED_DAY_TIME_FORMAT``: a meeting on the Today list ("Sun 08 Mar, 14:30").
- ``PADDED_SLOT_FORMAT``: a proposed time, per person ("Sun 08 Mar 14:30").
- ``PADDED_LONG_DATE_FORMAT``: the CLI's Today heading ("Sunday 08 March 2026").
- ``PADDED_LONG_DATETIME_FORMAT``: an agenda's heading ("Sunday 08 March 2026, 14:30").
- ``PADDED_LONG_DAY_FORMAT``: a follow-up's thanks ("on Sunday 08 March").
- ``PADDED_LONG_DAY_TIME_FORMAT``: a follow-up's next meeting ("Sunday 08 March, 14:30").
"""

DATE_FORMAT = "j M Y"  # 9 Mar 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 9 Mar 2026, 14:30
DATETIME_FORMAT = "D j M Y, H:i"  # Mon 9 Mar 2026, 14:30
TIME_FORMAT = "H:i"  # 14:30
MONTH_DAY_FORMAT = "j M"  # 9 Mar
LONG_DATE_FORMAT = "l j F Y"  # Monday 9 March 2026
LONG_DATETIME_FORMAT = "l j F Y, H:i"  # Monday 9 March 2026, 14:30
DAY_TIME_FORMAT = "D j M, H:i"  # Mon 9 Mar, 14:30
PADDED_DATE_FORMAT = "d M Y"  # 09 Mar 2026
PADDED_MONTH_DAY_FORMAT = "d M"  # 09 Mar
PADDED_FULL_MONTH_DAY_FORMAT = "d F"  # 09 March
PADDED_DAY_TIME_FORMAT = "D d M, H:i"  # Mon 09 Mar, 14:30
PADDED_SLOT_FORMAT = "D d M H:i"  # Mon 09 Mar 14:30
PADDED_LONG_DATE_FORMAT = "l d F Y"  # Monday 09 March 2026
PADDED_LONG_DATETIME_FORMAT = "l d F Y, H:i"  # Monday 09 March 2026, 14:30
PADDED_LONG_DAY_FORMAT = "l d F"  # Monday 09 March
PADDED_LONG_DAY_TIME_FORMAT = "l d F, H:i"  # Monday 09 March, 14:30
