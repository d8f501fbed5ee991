"""Logged-in clients for tests: a browser session and an API client."""

from django.test import Client
from rest_framework.test import APIClient


def api_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
