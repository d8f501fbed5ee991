"""The product's URLs plus ``/bench/bare/``: one INSERT and nothing else, the yardstick
the intake throughput is compared with. Only served by the benchmarks (bench.settings)."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as product_urlpatterns

# Made by the intake benchmark's setup step, in the benchmark database only.
CREATE_TABLE = "CREATE TABLE IF NOT EXISTS bench_bare (id serial PRIMARY KEY, t timestamptz)"


@csrf_exempt
@require_POST
def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare (t) VALUES (now())")
    return HttpResponse(status=201)


urlpatterns = [path("bench/bare/", bare), *product_urlpatterns]
