"""Pure domain types and parsers for BoneCoach."""
