"""Pages of the people app: the activity page, uploads, people, matches, networks, evaluations, indicators."""
