"""``make cluster-smoke``: the system on more than one machine, in miniature, on one. Tooling
like ``tools.loadtest``: no app imports it."""
