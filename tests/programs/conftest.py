"""The programme fixtures (ada, otto, programme, other_programme) come from
``tests.programme_fixtures``, a plugin of the suite's root conftest, so page and
command tests share them; ``enrol`` is importable from here as well."""

from tests.programme_fixtures import enrol

__all__ = ["enrol"]
