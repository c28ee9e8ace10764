from django.urls import path

from incubator.incubation.portal import application_status, documents, members, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(
        "application/",
        application_status.application_status,
        name="application_status",
    ),
    path("members/", members.members, name="members"),
    path("members/invite/", members.invite, name="invite"),
    path("members/<int:pk>/remove/", members.remove_member, name="remove_member"),
    path("invitations/<int:pk>/revoke/", members.revoke_invitation, name="revoke_invitation"),
    path("documents/", documents.documents, name="documents"),
    path("letters/", views.letters, name="letters"),
    path("profile/", views.profile, name="profile"),
    path("milestones/", views.milestones, name="milestones"),
    path("milestones/<int:pk>/", views.milestone, name="milestone"),
    path("documents/<int:pk>/delete/", documents.delete_document, name="delete_document"),
]
