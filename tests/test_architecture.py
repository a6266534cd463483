"""The house rules of STYLE.md and ARCHITECTURE.md, checked by reading every module of the apps.

Who may import whom is import-linter's job (pyproject.toml, `make lint`). Here: no module-level
import cycle, no write in a view, admin, form or personal-data module (writes go through an
action), no time formatted outside core/formats.py (the one formatter), no `_private` name
imported from another module, and no module over 400 lines (the tests and bench included)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "config",
    "workspace",
    "api",
    "demo",
    "services",
    "invoicing",
    "mediation",
    "events",
    "series",
    "calendar_sync",
    "bookings",
    "notifications",
    "privacy",
    "practice",
    "core",
]
WRITES = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
QUERYSET_HINTS = {"objects", "filter", "exclude", "all", "select_related", "prefetch_related", "order_by"}


def modules() -> dict[str, Path]:
    """Every module of the apps by dotted name (migrations left out: they are history)."""
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = modules()


def tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(), filename=str(MODULES[name]))


def imported(name: str, node: ast.ImportFrom) -> str:
    """The absolute module an `from X import ...` names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    package = name.split(".") if MODULES[name].name == "__init__.py" else name.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def module_level_imports(name: str) -> set[str]:
    """The project modules `name` imports when it is loaded (imports inside functions run later and
    are left out). `from package import module` counts as importing that module."""
    targets = set()
    for node in tree(name).body:
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names if alias.name in MODULES}
        elif isinstance(node, ast.ImportFrom):
            base = imported(name, node)
            for alias in node.names:
                if f"{base}.{alias.name}" in MODULES:
                    targets.add(f"{base}.{alias.name}")
                elif base in MODULES:
                    targets.add(base)
    return targets - {name}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_level_import_cycle():
    graph = {name: module_level_imports(name) for name in MODULES}
    # A package importing its own submodules (admin/__init__.py, models/__init__.py) is how Django
    # finds them, not a cycle of meaning: only a submodule importing back its package closes one.
    assert cycles(graph) == []


def _is_write(call: ast.Call) -> bool:
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in WRITES:
        return False
    if func.attr == "save" and any(
        kw.arg == "commit" and isinstance(kw.value, ast.Constant) and kw.value.value is False
        for kw in call.keywords
    ):
        return False  # a form or formset preparing instances, not a write
    if func.attr in {"update", "create"}:
        # dict.update / a form's create are not writes; a queryset's or manager's are.
        chain, node = set(), func.value
        while isinstance(node, ast.Attribute | ast.Call):
            if isinstance(node, ast.Attribute):
                chain.add(node.attr)
                node = node.value
            else:
                node = node.func
        return bool(chain & QUERYSET_HINTS)
    return True


def _layer_of(name: str) -> str:
    last = name.split(".")[-1]
    parts = set(name.split("."))
    for room in ("views", "admin", "forms", "personal_data"):
        if last == room or room in parts:
            return room
    return ""


@pytest.mark.parametrize("room", ["views", "admin", "forms", "personal_data"])
def test_no_writes_outside_actions(room):
    offenders = sorted(
        f"{name}:{node.lineno}"
        for name in MODULES
        if _layer_of(name) == room
        for node in ast.walk(tree(name))
        if isinstance(node, ast.Call) and _is_write(node)
    )
    assert offenders == []


def test_times_are_formatted_only_by_the_one_formatter():
    offenders = []
    for name in MODULES:
        if name == "core.formats":
            continue
        for node in ast.walk(tree(name)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "strftime"
            ):
                offenders.append(f"{name}:{node.lineno} strftime")
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = "".join(
                    part.value
                    for part in node.format_spec.values
                    if isinstance(part, ast.Constant) and isinstance(part.value, str)
                )
                if "%" in spec:
                    offenders.append(f"{name}:{node.lineno} f-string date format")
    assert offenders == []


def test_no_private_name_is_imported_from_another_module():
    offenders = []
    for name in MODULES:
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.ImportFrom):
                offenders += [
                    f"{name}:{node.lineno} {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert offenders == []


def test_no_module_is_over_400_lines():
    """The apps' modules, and the tests' and the benchmark's too (migrations are history)."""
    paths = [*MODULES.values(), *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in paths if (n := len(p.read_text().splitlines())) > 400}
    assert long == {}


def test_the_checks_see_what_they_look_for():
    """The checks themselves can fail: each finds its offence in a small example."""
    write = ast.parse("Booking.objects.filter(pk=1).update(status='x')").body[0].value
    assert _is_write(write)
    assert not _is_write(ast.parse("initial.update(a=1)").body[0].value)
    assert not _is_write(ast.parse("form.save(commit=False)").body[0].value)
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
    spec = ast.parse('f"{start:%Y-%m-%d}"').body[0].value.values[0]
    assert isinstance(spec, ast.FormattedValue) and "%" in spec.format_spec.values[0].value
