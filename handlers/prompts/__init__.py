"""How scheduled messages look: training prompt, follow-up, check-in and weekly summary."""
