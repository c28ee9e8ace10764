"""The shared kernel: permissions helpers, private files, audit, letters, notifications and
mail, money, validators, roles and security. It imports no domain app."""
