"""``make cluster-smoke``: the system on more than one machine, in miniature, on one. Tooling
like ``incubator.loadtest``: no app imports it."""
