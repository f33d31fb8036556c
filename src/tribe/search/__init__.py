"""One search box over a person's own things: notes, goals, questions, advice,
thanks, contacts and relationships, showing only what they may read."""
