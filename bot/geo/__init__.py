"""Offline geography helpers (time zone lookup from bundled city data)."""
