"""The demo: a dozen made-up people who mentor each other, in every state of the pipeline.

An app of its own above the domain apps, because it builds its world through
their services (``tribe.demo.services``); nothing below it imports it. The
people themselves are plain data (``tribe.demo.personas``), which the tests
use as well.
"""
