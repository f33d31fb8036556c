"""The JSON API under ``/api/``: a thin interface over the same services and selectors
as the pages and the command line (django-ninja; see ``docs/api.md``)."""
