"""The incubation domain: hubs, organisations, memberships, intake, office space and the
waitlist, milestones, the organisation portal and their back-office screens."""
