"""BoneCoach: a Telegram coach that helps men on TRT plus anastrozole protect their bones."""
