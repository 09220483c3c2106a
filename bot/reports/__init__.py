"""Progress charts and the clinician PDF: pure rendering from plain data, no DB or Telegram."""
