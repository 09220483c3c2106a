"""The scheduler tick, the dispatcher and the clock."""
