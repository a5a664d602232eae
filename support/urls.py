from django.urls import path

from support import two_factor, views

app_name = "support"

urlpatterns = [
    path("", views.home, name="home"),
    path("orienter/", views.refer, name="refer"),
    path("familles/<int:pk>/", views.family_detail, name="family"),
    path("familles/<int:pk>/confier/", views.family_assign, name="family_assign"),
    path("familles/<int:pk>/contact/", views.family_contact, name="family_contact"),
    path("familles/<int:pk>/contact/<int:contact_pk>/", views.family_contact_edit, name="family_contact_edit"),
    path("familles/<int:pk>/etape/", views.family_step, name="family_step"),
    path("familles/<int:pk>/consentement/", views.family_consent, name="family_consent"),
    path("familles/<int:pk>/cloture/", views.family_close, name="family_close"),
    path("familles/<int:pk>/coordonnees/", views.family_identity, name="family_identity"),
    path("familles/<int:pk>/demande/", views.family_request, name="family_request"),
    path("familles/<int:pk>/export/", views.family_export, name="family_export"),
    path("familles/<int:pk>/effacement/", views.family_erase, name="family_erase"),
    path("familles/<int:pk>/journal/", views.family_log, name="family_log"),
    path("journal/", views.access_log, name="access_log"),
    path("permanences/", views.drop_ins, name="drop_ins"),
    path("permanences/<int:pk>/", views.drop_in_counts, name="drop_in_counts"),
    path("statistiques/", views.statistics, name="statistics"),
    path("comptes/", views.accounts, name="accounts"),
    path("comptes/<int:user_pk>/", views.account_action, name="account_action"),
    path("double-authentification/", two_factor.setup, name="setup_otp"),
    path("double-authentification/code/", two_factor.verify, name="verify_otp"),
]
