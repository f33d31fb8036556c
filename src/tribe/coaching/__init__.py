"""Coaching: a regimen of exercises with a schedule, the practice log, and paid sessions."""
