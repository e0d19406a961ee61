from django.urls import path

from apps.accounts.api import views

app_name = "accounts-api"

urlpatterns = [
    path("login/", views.TokenLoginView.as_view(), name="login"),
    path("logout/", views.TokenLogoutView.as_view(), name="logout"),
    path("logout-all/", views.TokenLogoutAllView.as_view(), name="logout-all"),
]
