"""How the permission matrix asks: every URL the resolver knows (admin's get_urls included) and every
admin action, each asked as each role, the answer reduced to a status and the markers found in it."""

import io
import zipfile
from dataclasses import dataclass, field

from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .matrix_world import MARKERS, NO_TOKEN, ROLES, World

LOGIN = "L"  # a redirect to admin's sign-in page
STANDARD_VIEWS = ("changelist", "add", "history", "delete", "change")


@dataclass(frozen=True)
class Row:
    """One URL asked by every role: `answers` in the order of ROLES; `shows` the confidential markers
    a role's answer contains (none for roles not named); `kwargs` the URL's arguments (a world row's
    name, "token:<purpose>" for the role's own link, or a value); `query` GET parameters, or `post`
    a form to POST instead."""

    answers: str
    shows: dict = field(default_factory=dict)
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    post: dict | None = None

    def expected(self, role: str) -> tuple[str, frozenset]:
        return self.answers.split()[ROLES.index(role)], frozenset(self.shows.get(role, ()))


def as_row(value) -> Row:
    return value if isinstance(value, Row) else Row(value)


def url_name(key: str) -> str:
    """A row's key is its URL's name, or the name and a variant: "admin:autocomplete [case]"."""
    return key.split(" [")[0]


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name"; unnamed patterns get "<unnamed> route"
    route: str


def url_patterns(patterns=None, prefix="", namespace="") -> list[Pattern]:
    """Every pattern of the URL configuration, nested includes and admin's get_urls walked."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            found += url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            found.append(Pattern(name or f"<unnamed> {route}", route))
    return found


def registered_admins() -> dict:
    """`app_label.model_name` -> ModelAdmin, for every model registered with admin."""
    return {model._meta.label_lower: model_admin for model, model_admin in admin.site._registry.items()}


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role in world.users:
        client.force_login(world.users[role])
    return client


def url_for(world: World, role: str, name: str, kwargs: dict) -> str:
    """`kwargs` name the world's rows ("case": its pk, its uid or slug for those arguments) or, as
    "token:<purpose>", the role's own link of that purpose (a link of the right shape that opens
    nothing when the role holds none)."""
    values = {}
    for key, value in kwargs.items():
        if isinstance(value, str) and value.startswith("token:"):
            values[key] = world.tokens.get(role, {}).get(value.removeprefix("token:"), NO_TOKEN)
        elif isinstance(value, str) and value in world.objects:
            obj = world.objects[value]
            values[key] = getattr(obj, key) if key in ("uid", "slug") else obj.pk
        else:
            values[key] = value
    return reverse(name, kwargs=values)


def text_of(response) -> str:
    """The whole answer as text: a ZIP (a personal-data export, an XLSX) is read file by file."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"\n".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", "replace")


def outcome(response) -> str:
    """The status, with a redirect to the sign-in page told apart from any other redirect."""
    if response.status_code == 302 and "/login/" in response["Location"]:
        return LOGIN
    return str(response.status_code)


def markers_in(text: str) -> frozenset:
    return frozenset(marker for marker in MARKERS if marker in text)


def ask(client: Client, url: str, *, method: str = "get", data=None) -> tuple[str, frozenset]:
    response = getattr(client, method)(url, data or {})
    return outcome(response), markers_in(text_of(response))


def offered_actions(world: World, role: str, model_admin) -> set[str]:
    """The actions admin offers `role` on the model's list (what its POST would accept)."""
    request = RequestFactory().get("/")
    request.user = world.users.get(role) or _anonymous()
    if not model_admin.has_view_or_change_permission(request):
        return set()
    return set(model_admin.get_actions(request))


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def object_kwargs(admin_objects: dict) -> dict:
    """The URL names of each registered admin's change, history and delete pages -> the world's row
    they open (as admin_objects names it)."""
    return {
        f"admin:{label.replace('.', '_')}_{view}": {"object_id": name}
        for label, name in admin_objects.items()
        for view in ("change", "history", "delete")
    }


def walk(world: World, role: str, rows: dict, kwargs_of: dict) -> list[str]:
    """Asks every row as `role`; returns what differs from the rows (nothing when all agree)."""
    client = client_for(world, role)
    wrong = []
    for key, value in rows.items():
        row = as_row(value)
        name = url_name(key)
        url = url_for(world, role, name, row.kwargs or kwargs_of.get(name, {}))
        if row.post is not None:
            got = ask(client, url, method="post", data=row.post)
        else:
            got = ask(client, url, data=row.query)
        want = row.expected(role)
        if got != want:
            wrong.append(f"{key}: expected {want[0]} {sorted(want[1])}, got {got[0]} {sorted(got[1])}")
    return wrong
