"""Settings package: ``base`` holds what every environment shares; ``dev``, ``test`` and
``production`` relax or tighten it. Everything that differs between machines comes from the
environment (see ``.env.example``)."""
