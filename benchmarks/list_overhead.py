"""Where a list's time goes: the framework's share and the project's, against the floor.

Run from the project's root, in a throw-away database of ``--scale`` people, or with
``--reuse`` on the configured one
(as ``list_endpoints.py --reuse`` fills it):

    DEBUG=true DATABASE_URL=sqlite:////tmp/bench.sqlite3 \\
        .venv/bin/python benchmarks/list_overhead.py --reuse [--only people,enrolments]

For each list, the same page (``?page_size=100``, the first) is answered five ways, through
the same test client and middleware, in rotating turns after warm-ups:

1. a plain Django view returning the endpoint's body, already encoded: what the client,
   URL resolution and Django's middleware cost;
2. a bare DRF ``APIView`` returning the endpoint's data, already built (no authentication,
   no permission, no throttle, the JSON renderer only): adds DRF's request wrapping,
   dispatch and rendering;
3. a DRF ``APIView`` with the list's own stack (its authentication, permissions,
   throttles, renderers and content negotiation) returning the same data: adds those;
4. the endpoint itself: adds the project's code (filters, pagination, its queries, building
   the page);
5. the floor (``list_floors``): raw SQL and orjson in a plain view, the same body.

The differences between the steps attribute the endpoint's time; the last columns compare
what the project's code adds (4 − 3) with what the floor does besides Django (5 − 1).
The data of steps 2 and 3 is the endpoint's body parsed back, so its dates are text: their
rendering is a little cheaper than the endpoint's own.

Prints markdown tables.
"""

import argparse
import json
import statistics
from typing import Any

from common import markdown_table, percentile, pin_to_one_core
from list_endpoints import timed
from list_report import load, machine
from list_setup import (
    API_PREFIX,
    PAGE_SIZE,
    Endpoint,
    add_data_arguments,
    chosen_lists,
    clients,
    django_setup,
    endpoints_asked,
    floor_urlconf,
    measured_database,
)

PREFIX = "__overhead__"
STEPS = ("django", "drf", "stack", "endpoint", "floor")


def viewset_of(name: str) -> Any:
    from trainingdb.urls import API_URLCONFS

    return next(
        viewset
        for urlconf in API_URLCONFS
        for prefix, viewset, _name in urlconf.router.registry
        if prefix == name
    )


def overhead_patterns(answers: dict[str, tuple[bytes, Any]]) -> list[Any]:
    """Steps 1 to 3 for each list, answering the body (or data) it was given."""
    from django.http import HttpRequest, HttpResponse
    from django.urls import path
    from rest_framework.permissions import AllowAny
    from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
    from rest_framework.request import Request
    from rest_framework.response import Response
    from rest_framework.views import APIView

    from apps.core.api.renderers import JSONRenderer

    patterns = []
    for key, (content, data) in answers.items():
        name = key.split(":")[0]
        viewset = viewset_of(name)

        def django_view(request: HttpRequest, content: bytes = content) -> HttpResponse:
            return HttpResponse(content, content_type="application/json")

        class Bare(APIView):
            authentication_classes: list[Any] = []
            permission_classes = [AllowAny]
            throttle_classes: list[Any] = []
            renderer_classes = [JSONRenderer]

            def get(self, request: Request, data: Any = data) -> Response:
                return Response(data)

        class Stack(APIView):
            authentication_classes = viewset.authentication_classes
            permission_classes = viewset.permission_classes
            throttle_classes = viewset.throttle_classes
            renderer_classes = viewset.renderer_classes or [DRFJSONRenderer]
            content_negotiation_class = viewset.content_negotiation_class
            queryset = viewset.queryset  # what the model permissions read

            def get(self, request: Request, data: Any = data) -> Response:
                return Response(data)

        patterns += [
            path(f"{PREFIX}/django/{key}/", django_view),
            path(f"{PREFIX}/drf/{key}/", Bare.as_view()),
            path(f"{PREFIX}/stack/{key}/", Stack.as_view()),
        ]
    return patterns


def urls_of(endpoint: Endpoint) -> dict[str, str]:
    key = f"{endpoint.name}:{endpoint.who}"
    return {
        "django": f"/{PREFIX}/django/{key}/",
        "drf": f"/{PREFIX}/drf/{key}/",
        "stack": f"/{PREFIX}/stack/{key}/",
        "endpoint": endpoint.path(1),
        "floor": endpoint.floor_path(1),
    }


def row(endpoint: Endpoint, medians: dict[str, float], p95: dict[str, float]) -> list[str]:
    django, drf, stack = medians["django"], medians["drf"], medians["stack"]
    endpoint_p50, floor = medians["endpoint"], medians["floor"]
    project, floor_work = endpoint_p50 - stack, floor - django
    return [
        f"/{endpoint.name}/",
        endpoint.who,
        f"{django:.2f}",
        f"{drf:.2f}",
        f"{stack:.2f}",
        f"{endpoint_p50:.2f} ({p95['endpoint']:.1f})",
        f"{floor:.2f} ({p95['floor']:.1f})",
        f"{endpoint_p50 / floor:.2f}",
        f"{drf - django:.2f}",
        f"{stack - drf:.2f}",
        f"{project:.2f}",
        f"{floor_work:.2f}",
        f"{project / floor_work:.2f}" if floor_work > 0 else "–",
        f"{(endpoint_p50 - (stack - django)) / floor:.2f}",
    ]


HEADER = [
    "endpoint",
    "as",
    "1 Django view, body ready",
    "2 DRF APIView, data ready",
    "3 DRF APIView, the list's stack",
    "4 endpoint p50 (p95)",
    "5 floor p50 (p95)",
    "× floor",
    "DRF dispatch + render (2 − 1)",
    "auth, permissions, negotiation (3 − 2)",
    "project's code (4 − 3)",
    "floor's work (5 − 1)",
    "project ÷ floor's work",
    "× floor without DRF's share",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per step")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed requests first")
    add_data_arguments(parser)
    arguments = parser.parse_args()

    django_setup()
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment

    names = chosen_lists(parser, arguments.only)
    load_before = load()
    pinned = pin_to_one_core()
    setup_test_environment(debug=False)
    with measured_database(arguments.scale, arguments.reuse) as data:
        asking = clients()
        endpoints = endpoints_asked(names, asking)
        answers = {}
        with override_settings(ROOT_URLCONF=floor_urlconf()):
            for endpoint in endpoints:
                response = asking[endpoint.who].get(endpoint.path(1))
                answers[f"{endpoint.name}:{endpoint.who}"] = (
                    response.content,
                    json.loads(response.content),
                )
        rows = []
        with override_settings(ROOT_URLCONF=floor_urlconf(overhead_patterns(answers))):
            for endpoint in endpoints:
                get = asking[endpoint.who].get
                urls = urls_of(endpoint)
                for url in urls.values():
                    if get(url).status_code != 200:
                        raise SystemExit(f"{url} did not answer 200")
                for _ in range(max(1, arguments.warm_up)):
                    for url in urls.values():
                        get(url)
                times = dict(
                    zip(urls, timed(get, list(urls.values()), arguments.requests), strict=True)
                )
                rows.append(
                    row(
                        endpoint,
                        {step: statistics.median(times[step]) for step in STEPS},
                        {step: percentile(times[step], 0.95) for step in STEPS},
                    )
                )
    about = machine(load_before)
    print(f"## Where a list's time goes ({about['database']}, {pinned}), ms\n")
    print(markdown_table(HEADER, rows))
    print(
        f"\nMedians of {arguments.requests} requests of each step, first page of "
        f"?page_size={PAGE_SIZE} under {API_PREFIX}, through Django's test client with DEBUG "
        f"off; {connection.vendor}. The last column is the endpoint less what the framework "
        "adds (steps 2 and 3), over the floor.\n"
    )
    print(f"Data: {data}.\n")
    print("## Machine\n")
    print(markdown_table(list(about), [list(about.values())]))


if __name__ == "__main__":
    main()
