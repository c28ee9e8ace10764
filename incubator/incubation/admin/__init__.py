"""Back-office (Wagtail admin) screens of the incubation domain."""
