from django.urls import path

from incubator.incubation.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path("members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("invitations/<int:pk>/revoke/", views.revoke_invitation, name="revoke_invitation"),
    path("documents/", views.documents, name="documents"),
    path("letters/", views.letters, name="letters"),
    path("profile/", views.profile, name="profile"),
    path("milestones/", views.milestones, name="milestones"),
    path("milestones/<int:pk>/", views.milestone, name="milestone"),
    path("documents/<int:pk>/delete/", views.delete_document, name="delete_document"),
]
