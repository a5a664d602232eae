from django.urls import path

from network import member_views

urlpatterns = [
    path("", member_views.dashboard, name="member_space"),
    path("fiche/", member_views.edit_profile, name="edit_profile"),
    path("fiche/quitter/", member_views.leave_directory, name="leave_directory"),
    path("fiche/revenir/", member_views.rejoin_directory, name="rejoin_directory"),
    path("fiche/photo/<int:pk>/", member_views.pending_photo, name="pending_photo"),
    path("charte/", member_views.sign_charter, name="sign_charter"),
    path("mes-donnees.<str:fmt>", member_views.export_data, name="export_data"),
    path("effacement/", member_views.request_erasure, name="request_erasure"),
]
