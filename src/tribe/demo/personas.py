"""The demo's people: who they are, what they know, how many mentees they take.

Plain data, no Django: the demo builds its accounts from it and the tests read
it to know whom to expect (``tests/demo_ties.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

DEMO_DOMAIN = "tribe.example"
DEMO_PASSWORD = "tribe-demo-2026"


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    headline: str
    timezone: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    seniority: int
    capacity: int

    @property
    def email(self) -> str:
        return f"{self.key}@{DEMO_DOMAIN}"


PEOPLE = (
    DemoPerson(
        "maya",
        "Maya Chen",
        "Senior product manager, fintech",
        "Europe/London",
        ("English", "Mandarin"),
        ("product discovery", "roadmaps", "stakeholder management"),
        9,
        2,
    ),
    DemoPerson(
        "ravi",
        "Ravi Menon",
        "Director of product",
        "Asia/Kolkata",
        ("English", "Hindi"),
        ("product strategy", "leading managers", "pricing"),
        15,
        3,
    ),
    DemoPerson(
        "elena",
        "Elena Petrova",
        "VP engineering",
        "Europe/Berlin",
        ("English", "German", "Russian"),
        ("engineering leadership", "org design", "hiring"),
        20,
        2,
    ),
    DemoPerson(
        "grace",
        "Grace Liu",
        "Chief product officer",
        "America/Los_Angeles",
        ("English",),
        ("executive presence", "board communication", "product strategy"),
        25,
        2,
    ),
    DemoPerson(
        "sam",
        "Sam Okafor",
        "Junior product manager",
        "Africa/Lagos",
        ("English", "Yoruba"),
        ("customer interviews",),
        2,
        0,
    ),
    DemoPerson(
        "lina",
        "Lina Haddad",
        "Design lead",
        "Asia/Dubai",
        ("English", "Arabic", "French"),
        ("design systems", "user research"),
        11,
        1,
    ),
    DemoPerson(
        "kofi",
        "Kofi Mensah",
        "Principal data scientist",
        "Africa/Accra",
        ("English",),
        ("machine learning", "experimentation", "statistics"),
        13,
        2,
    ),
    DemoPerson(
        "priya",
        "Priya Nair",
        "Data analyst",
        "Asia/Singapore",
        ("English", "Tamil"),
        ("SQL", "dashboards"),
        3,
        0,
    ),
    DemoPerson(
        "tomas",
        "Tomás García",
        "Product designer",
        "Europe/Madrid",
        ("Spanish", "English"),
        ("prototyping",),
        4,
        0,
    ),
    DemoPerson(
        "jonas",
        "Jonas Weber",
        "Staff engineer",
        "Europe/Berlin",
        ("German", "English"),
        ("distributed systems", "technical writing"),
        14,
        2,
    ),
    DemoPerson(
        "aisha",
        "Aisha Bello",
        "Product manager, payments",
        "Europe/London",
        ("English", "Hausa"),
        ("payments", "compliance"),
        8,
        1,
    ),
    DemoPerson(
        "hugo",
        "Hugo Martin",
        "General manager",
        "Europe/Paris",
        ("French", "English"),
        ("P&L ownership", "sponsorship"),
        22,
        2,
    ),
)


PEOPLE_BY_KEY = {spec.key: spec for spec in PEOPLE}
