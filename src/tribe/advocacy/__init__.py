"""Sponsorship: the advocacy asks a sponsor takes on (who they will speak to, and what happened)."""
