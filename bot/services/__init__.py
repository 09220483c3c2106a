"""Use cases: domain rules plus storage. The only layer that commits."""
