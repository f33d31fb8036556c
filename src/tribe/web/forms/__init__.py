"""The page forms, one module per area of ``tribe.web.views`` (same names), on ``base``."""
