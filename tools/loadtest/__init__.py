"""The load test (``make loadtest``): gunicorn on a throwaway PostgreSQL database, driven by a
crowd of simulated readers, organisations and officers, then checked for broken invariants.

``runner`` runs it from start to finish, ``client`` drives the crowd (``people`` and
``officers``, each person with its ``session``), ``data`` prepares what the crowd needs on top
of the demo, ``invariants`` checks the database afterwards. It spans every app (tenders and
subsidies included), so it imports them only inside functions, and nothing of the site imports
it."""
