"""Services of the incubation domain: ``<entity>_<action>(*, ..., by)``."""
