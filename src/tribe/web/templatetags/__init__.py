"""The pages' own template filters (``{% load tribe_labels %}``)."""
