"""Services of the shared kernel: letters, notifications, the outbox, dates."""
