from django.urls import include, path

from network import member_urls, views

app_name = "network"
urlpatterns = [
    path("candidature/modifier/<str:token>/", views.amend_application, name="amend_application"),
    path("candidature/piece-jointe/<int:pk>/", views.application_document, name="application_document"),
    path("mon-espace/", include(member_urls.urlpatterns)),
]
