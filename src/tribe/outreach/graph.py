"""The tribe graph: my mentors, their mentors (where shared), my mentees, introductions.

A mentor's own mentors appear only when that mentor chose to share them
(``Person.share_mentors``): who mentors whom is personal. Three queries,
whatever the size of the tribe.

The chain (:func:`tribe_chain`) is the same graph read as lines of "who passed
it on to whom": my mentor's mentor → my mentor → me → my mentees. It is made
from the graph's own edges, so it shows exactly what the graph may show: a
mentor's mentors only where that mentor shares them, and for a mentor who is
a contact (no account) nothing beyond them. Each mentor says why the chain
stops there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext

from tribe.core.labels import in_sentence, label_in_sentence
from tribe.outreach.models import Introduction
from tribe.people.models import Contact, Person
from tribe.relationships import consent
from tribe.relationships.models import MET_STATUSES, Relationship

__all__ = ["Chain", "ChainLink", "Edge", "Node", "TribeGraph", "tribe_chain", "tribe_graph"]

#: Relationships drawn: from the intro meeting on, also once they ended.
SHOWN = MET_STATUSES
ROLES = ("mentors_mentor", "mentor", "me", "mentee", "introduced")


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    role: str  # one of ROLES


@dataclass(frozen=True)
class Edge:
    source: str  # the mentor (or the introducer)
    target: str  # the mentee (or the person introduced to)
    kind: str  # "mentors" or "introduced"
    label: str
    #: A "mentors" edge's relationship: its kind and status (how its sentence reads).
    relationship_kind: str = ""
    status: str = ""


@dataclass
class TribeGraph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    #: My mentors who share their own mentors (their keys): the chain says why it stops.
    sharing: set[str] = field(default_factory=set)

    def add(self, key: str, name: str, role: str) -> None:
        # A person met in two roles keeps the one nearest to "me".
        current = self.nodes.get(key)
        if current is None or _closeness(role) < _closeness(current.role):
            self.nodes[key] = Node(key, name, role)

    def by_role(self, role: str) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.role == role), key=lambda n: n.name)

    def as_dict(self) -> dict[str, object]:
        return {
            "nodes": [{"id": n.key, "name": n.name, "role": n.role} for n in self.nodes.values()],
            "edges": [
                {"from": e.source, "to": e.target, "kind": e.kind, "label": e.label}
                for e in self.edges
            ],
        }

    def sentences(self) -> list[str]:
        """The graph in words: the text alternative of the picture."""
        name = {k: n.name for k, n in self.nodes.items()}
        out = []
        for e in self.edges:
            if e.kind == "mentors":
                out.append(_relationship_sentence(e, name[e.source], name[e.target]))
            else:
                said = gettext("{introducer} introduced {mentee} to {to}.")
                out.append(
                    said.format(introducer=name[e.source], mentee=e.label, to=name[e.target])
                )
        return out


def _relationship_sentence(edge: Edge, mentor: str, mentee: str) -> str:
    """One relationship in words: peers as equals, one not started yet as such."""
    peer = edge.relationship_kind == Relationship.Kind.PEER
    status = edge.status
    if status == Relationship.Status.INTRO:
        if peer:
            said = gettext(
                "{mentor} and {mentee} have not started as peer mentors yet (intro meeting)."
            )
        else:
            said = gettext(
                "{mentor} has not started mentoring {mentee} yet ({kind}, intro meeting)."
            )
    elif peer and status == Relationship.Status.PAUSED:
        said = gettext("{mentor} and {mentee} are peer mentors (paused).")
    elif peer and status == Relationship.Status.ENDED:
        said = gettext("{mentor} and {mentee} were peer mentors (ended).")
    elif peer:
        said = gettext("{mentor} and {mentee} are peer mentors.")
    elif status == Relationship.Status.ENDED:
        said = gettext("{mentor} mentored {mentee} ({kind}, ended).")
    elif status == Relationship.Status.PAUSED:
        said = gettext("{mentor} mentors {mentee} ({kind}, paused).")
    else:
        said = gettext("{mentor} mentors {mentee} ({kind}).")
    try:
        kind = label_in_sentence(Relationship, "kind", edge.relationship_kind)
    except KeyError:  # old data: a kind no longer known reads as stored
        kind = edge.relationship_kind
    return said.format(mentor=mentor, mentee=mentee, kind=kind)


def _closeness(role: str) -> int:
    return {"me": 0, "mentor": 1, "mentee": 1, "mentors_mentor": 2, "introduced": 3}[role]


def _key(person: Person | None, contact: Contact | None) -> str:
    if person is not None:
        return f"person:{person.pk}"
    assert contact is not None  # a check constraint gives every side one or the other
    return f"contact:{contact.pk}"


def _label(r: Relationship) -> str:
    status = "" if r.status == Relationship.Status.ACTIVE else f", {in_sentence(r, 'status')}"
    return f"{in_sentence(r, 'kind')}{status}"


def _edge(source: str, target: str, r: Relationship) -> Edge:
    return Edge(source, target, "mentors", _label(r), relationship_kind=r.kind, status=r.status)


def tribe_graph(*, person: Person) -> TribeGraph:
    graph = TribeGraph()
    me = f"person:{person.pk}"
    graph.add(me, person.name, "me")
    sides = ("mentee", "mentor", "mentee_contact", "mentor_contact")
    mine = list(
        Relationship.objects.filter(
            consent.consented_q(person), consent.mutual_q(), status__in=SHOWN
        ).select_related(*sides)
    )
    sharing_mentors: list[int] = []
    for r in mine:
        if r.mentee_id == person.pk:
            key = _key(r.mentor, r.mentor_contact)
            graph.add(key, r.mentor_name, "mentor")
            graph.edges.append(_edge(key, me, r))
            if r.mentor is not None and r.mentor.share_mentors:
                sharing_mentors.append(r.mentor.pk)
                graph.sharing.add(key)
        else:
            key = _key(r.mentee, r.mentee_contact)
            graph.add(key, r.mentee_name, "mentee")
            graph.edges.append(_edge(me, key, r))

    # A mentor's own mentors: only relationships both of them said yes to.
    for r in Relationship.objects.filter(
        consent.mutual_q(), mentee_id__in=sharing_mentors, status__in=SHOWN
    ).select_related(*sides):
        key = _key(r.mentor, r.mentor_contact)
        if key == me:
            continue  # I mentor my own mentor: already drawn
        graph.add(key, r.mentor_name, "mentors_mentor")
        graph.edges.append(_edge(key, f"person:{r.mentee_id}", r))

    intros = Introduction.objects.filter(Q(introducer=person) | Q(mentee=person)).select_related(
        "introducer", "mentee", "to_person", "to_contact"
    )
    for i in intros:
        introducer = f"person:{i.introducer_id}"
        target = _key(i.to_person, i.to_contact)
        graph.add(introducer, i.introducer.name, "mentor" if i.mentee_id == person.pk else "me")
        graph.add(target, i.to_name, "introduced")
        mentee_key = f"person:{i.mentee_id}"
        graph.add(mentee_key, i.mentee.name, "mentee" if i.introducer_id == person.pk else "me")
        graph.edges.append(Edge(introducer, target, "introduced", i.mentee.name))
    return graph


# The chain ----------------------------------------------------------------------

#: Why a chain stops at a mentor: their mentors are shown, they keep them to
#: themselves, or they are a contact without an account (Tribe knows nothing more).
CHAIN_REASONS = ("shared", "not_shared", "contact")


@dataclass(frozen=True)
class ChainLink:
    """One of my mentors and, where they share them, their own mentors."""

    mentor: Node
    mentors: tuple[Node, ...]
    reason: str  # one of CHAIN_REASONS

    def as_dict(self) -> dict[str, object]:
        return {
            "mentor": {"id": self.mentor.key, "name": self.mentor.name},
            "mentors": [{"id": n.key, "name": n.name} for n in self.mentors],
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Chain:
    me: Node
    links: tuple[ChainLink, ...]
    mentees: tuple[Node, ...]

    @property
    def empty(self) -> bool:
        return not self.links and not self.mentees

    def paths(self) -> list[list[str]]:
        """Each line of the chain as names, from the furthest mentor to my mentees."""
        after = [", ".join(n.name for n in self.mentees)] if self.mentees else []
        if not self.links:
            return [[self.me.name, *after]] if after else []
        lines = []
        for link in self.links:
            for up in link.mentors or (None,):
                start = [up.name] if up is not None else []
                lines.append([*start, link.mentor.name, self.me.name, *after])
        return lines

    def sentences(self) -> list[str]:
        """The chain in words: a line per path, then why it stops where it does."""
        out = [" → ".join(path) for path in self.paths()]
        for link in self.links:
            if link.reason == "not_shared":
                said = gettext("{mentor} keeps their own mentors to themselves.")
                out.append(said.format(mentor=link.mentor.name))
            elif link.reason == "contact":
                said = gettext("{mentor} is one of your contacts: Tribe knows no more of them.")
                out.append(said.format(mentor=link.mentor.name))
            elif not link.mentors:
                said = gettext("{mentor} shares their mentors, and has none on Tribe yet.")
                out.append(said.format(mentor=link.mentor.name))
        return out

    def as_dict(self) -> dict[str, object]:
        return {
            "me": {"id": self.me.key, "name": self.me.name},
            "links": [link.as_dict() for link in self.links],
            "mentees": [{"id": n.key, "name": n.name} for n in self.mentees],
            "paths": self.paths(),
        }


def chain_of(graph: TribeGraph, *, me: str) -> Chain:
    """The chain in ``graph`` (the tribe graph of the person whose key is ``me``)."""
    mentors: dict[str, list[Node]] = {}
    mentees: dict[str, Node] = {}
    for e in graph.edges:
        if e.kind != "mentors":
            continue
        if e.target == me:
            mentors.setdefault(e.source, [])
        elif e.source == me:
            mentees.setdefault(e.target, graph.nodes[e.target])
    for e in graph.edges:
        upstream = e.kind == "mentors" and e.target in mentors and e.source not in (me, e.target)
        if upstream and all(n.key != e.source for n in mentors[e.target]):
            mentors[e.target].append(graph.nodes[e.source])

    def reason(key: str) -> str:
        if key.startswith("contact:"):
            return "contact"
        return "shared" if key in graph.sharing else "not_shared"

    links = [
        ChainLink(graph.nodes[k], tuple(sorted(up, key=lambda n: n.name)), reason(k))
        for k, up in mentors.items()
    ]
    return Chain(
        me=graph.nodes[me],
        links=tuple(sorted(links, key=lambda link: link.mentor.name)),
        mentees=tuple(sorted(mentees.values(), key=lambda n: n.name)),
    )


def tribe_chain(*, person: Person) -> Chain:
    """My mentor's mentor → my mentor → me → my mentees, under the graph's own rules."""
    return chain_of(tribe_graph(person=person), me=f"person:{person.pk}")
