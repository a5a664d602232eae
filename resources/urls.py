from django.urls import path

from resources import member_views

app_name = "resources"

urlpatterns = [
    path("", member_views.my_vignettes, name="my_vignettes"),
    path("proposer/", member_views.propose, name="propose"),
    path("<int:pk>/", member_views.vignette, name="vignette"),
    path("<int:pk>/modifier/", member_views.edit, name="edit"),
    path("<int:pk>/piece-jointe/<int:document_id>/", member_views.attachment, name="attachment"),
]
