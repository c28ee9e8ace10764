"""Direct-foreign-key object permissions (django-guardian) for our hot tables: a real foreign
key instead of a generic one, so permission checks and filtered lists are plain joins."""

from django.db import models

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class HubUserObjectPermission(UserObjectPermissionBase):
    """A user's permission on one hub (hub managers)."""

    content_object = models.ForeignKey("incubator.Hub", on_delete=models.CASCADE)


class HubGroupObjectPermission(GroupObjectPermissionBase):
    """A group's permission on one hub."""

    content_object = models.ForeignKey("incubator.Hub", on_delete=models.CASCADE)


class OrganisationUserObjectPermission(UserObjectPermissionBase):
    """A user's permission on one organisation (its members and admins)."""

    content_object = models.ForeignKey("incubator.Organisation", on_delete=models.CASCADE)


class OrganisationGroupObjectPermission(GroupObjectPermissionBase):
    """A group's permission on one organisation."""

    content_object = models.ForeignKey("incubator.Organisation", on_delete=models.CASCADE)
