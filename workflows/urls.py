from django.urls import path

from .api import TaskCompleteView, TaskDetailView, TaskListView

api_urlpatterns = [
    path("taken/", TaskListView.as_view(), name="taak-list"),
    path("taken/<int:pk>/", TaskDetailView.as_view(), name="taak-detail"),
    path("taken/<int:pk>/voltooien/", TaskCompleteView.as_view(), name="taak-voltooien"),
]
