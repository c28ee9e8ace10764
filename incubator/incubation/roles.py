"""The incubation domain's model-wide permissions per staff role, contributed to the kernel's
roles by the ``incubator`` AppConfig. Hub managers get object permissions on their own hubs."""

from incubator.kernel.roles import Role

INCUBATION_ROLE_PERMISSIONS = {
    Role.BUREAU_OFFICER: [
        "incubator.view_hub",
        "incubator.add_hub",
        "incubator.change_hub",
        "incubator.manage_hub",
        "incubator.view_organisation",
        "incubator.change_organisation",
        "incubator.view_intakeapplication",
        "incubator.view_space",
        "incubator.add_space",
        "incubator.change_space",
        "incubator.view_milestone",
        "incubator.view_milestonetemplate",
        "incubator.view_spaceallocation",
        "incubator.view_waitlistentry",
    ],
}
