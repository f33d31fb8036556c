"""Keeping sign-in safe: log-in throttling (django-axes) and idle sessions."""
