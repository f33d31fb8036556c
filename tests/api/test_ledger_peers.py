"""/api/ledger for peers: both sides record advice, share outcomes and read what became of theirs.

Maya asked Ravi to be peer mentors (Ravi is on the mentor side). Each
records advice the other gave, each reads only their own log, and each reads
in ``advice-shared-with-me`` what the other shared; Eve gets 404s. In
Sam's mentor relationship with Maya (Maya the mentor) she still gets 409.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import RelationshipFactory
from tribe.ledger.models import Advice
from tribe.people.models import Person
from tribe.relationships.models import Relationship

DAY = "2026-03-01"
PRIVATE = "PRIVATE outcome as Ravi wrote it"


@pytest.fixture
def peers(maya: Person, ravi: Person, now: dt.datetime) -> Relationship:
    return RelationshipFactory(
        mentee=maya, mentor=ravi, created_by=maya, kind="peer", status_changed_at=now
    )


def _add(client, rel: Relationship, text: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/ledger/advice", {"relationship": rel.pk, "text": text, "given_on": DAY}
    )


def test_both_peers_record_advice_and_each_reads_only_their_own(api_as, maya, ravi, peers) -> None:  # type: ignore[no-untyped-def]
    hers, his = api_as(maya), api_as(ravi)
    from_ravi = _add(hers, peers, "Delegate the rota")
    from_maya = _add(his, peers, "Write the design doc first")
    assert (from_ravi.status_code, from_maya.status_code) == (201, 201), from_maya.content
    # ``mentor_name`` names whoever gave it, from the recorder's side.
    assert from_ravi.json_body["mentor_name"] == "Ravi Menon"
    assert from_maya.json_body["mentor_name"] == "Maya Chen"

    assert [a["text"] for a in hers.get("/api/ledger/advice").json_body["items"]] == [
        "Delegate the rota"
    ]
    listed = his.get("/api/ledger/advice", relationship=peers.pk).json_body["items"]
    assert [a["text"] for a in listed] == ["Write the design doc first"]
    assert hers.get(f"/api/ledger/advice/{from_maya.json_body['id']}").status_code == 404
    assert his.get(f"/api/ledger/advice/{from_ravi.json_body['id']}").status_code == 404


def test_the_mentor_side_shares_an_outcome_and_the_mentee_side_reads_it(  # type: ignore[no-untyped-def]
    api_as, maya, ravi, peers
) -> None:
    his = api_as(ravi)
    advice_id = _add(his, peers, "PRIVATE advice text").json_body["id"]
    path = f"/api/ledger/advice/{advice_id}"
    assert his.post(path + "/outcome", {"outcome": PRIVATE}).status_code == 200
    shared = his.post(path + "/share", {"words": "Saved a sprint", "advice_summary": "Docs first"})
    assert shared.status_code == 200, shared.content

    seen = api_as(maya).get("/api/ledger/advice-shared-with-me")
    assert seen.json_body["total"] == 1
    [group] = seen.json_body["by_mentee"]
    assert group["mentee"] == "Ravi Menon"
    assert [(o["words"], o["advice"]) for o in group["outcomes"]] == [
        ("Saved a sprint", "Docs first")
    ]
    assert "PRIVATE" not in seen.content.decode()
    assert his.get("/api/ledger/advice-shared-with-me").json_body["total"] == 0

    # Maya cannot touch Ravi's record, shared or not.
    assert api_as(maya).post(path + "/unshare").status_code == 404
    assert his.post(path + "/unshare").status_code == 200
    assert api_as(maya).get("/api/ledger/advice-shared-with-me").json_body["total"] == 0


def test_the_stranger_gets_404_for_a_peer_relationships_advice(api_as, ravi, eve, peers) -> None:  # type: ignore[no-untyped-def]
    advice = Advice.objects.create(
        relationship=peers,
        recorded_by=ravi,
        given_on=dt.date(2026, 3, 1),
        text="Ravi's",
        outcome="went well",
        outcome_on=dt.date(2026, 3, 2),
    )
    client = api_as(eve)
    assert _add(client, peers, "Eve's").status_code == 404
    assert client.get(f"/api/ledger/advice/{advice.pk}").status_code == 404
    shared = client.post(f"/api/ledger/advice/{advice.pk}/share", {"words": "leaked"})
    assert shared.status_code == 404
    assert client.get("/api/ledger/advice-shared-with-me").json_body["total"] == 0
    assert Advice.objects.count() == 1


def test_in_a_mentor_relationship_the_mentor_still_gets_409(api_as, maya, sam_maya) -> None:  # type: ignore[no-untyped-def]
    refused = _add(api_as(maya), sam_maya, "Mentor writing")
    assert refused.status_code == 409
    assert refused.json_body["code"] == "not_mentee"
    assert not Advice.objects.exists()
