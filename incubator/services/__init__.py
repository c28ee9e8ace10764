"""Services: the only way state changes. One function per action, atomic, audited."""
