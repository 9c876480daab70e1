"""The package's shape: no import cycles, cleaning apart from training and the CLI."""

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "cleaner"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def import_graph() -> dict[str, set[str]]:
    """Module -> the cleaner modules it imports, at any level (lazy imports too),
    leaving out imports only made for type checking."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and _is_type_checking(node)
            for n in ast.walk(node)
        }
        edges: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            edges.update(t for t in targets if t in modules and t != name)
        graph[name] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the list of modules around it; None when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_in_the_package():
    graph = import_graph()
    assert "cleaner.pipeline" in graph
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_library_never_imports_the_cli():
    graph = import_graph()
    importers = sorted(m for m, edges in graph.items() if "cleaner.cli" in edges)
    assert importers == []
    typer_users = [
        p.name
        for p in PACKAGE.rglob("*.py")
        if "import typer" in p.read_text(encoding="utf-8") and p.name != "cli.py"
    ]
    assert typer_users == []


def _printed_by_fresh_python(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_cleaning_a_page_imports_no_training_module():
    code = (
        "import sys, cleaner\n"
        "cleaner.clean('Home\\nThe council approved the budget on Monday after a debate.')\n"
        "cleaner.clean_html('<html><body><nav>Home</nav><p>The council met.</p></body></html>')\n"
        "print(sorted(m for m in sys.modules if m.startswith(('cleaner.training', 'typer'))))\n"
    )
    assert _printed_by_fresh_python(code) == "[]"


def test_batch_workers_import_no_model_library():
    # Batch workers hand pages to their cleaning process, which alone loads
    # the model: the model's libraries in every worker would cost memory.
    code = (
        "import sys, cleaner.batch.tasks, cleaner.cli\n"
        "cleaner.batch.tasks.run_settings(cleaner.batch.tasks.BatchOptions('out'))\n"
        "print(sorted(m for m in ('sklearn', 'scipy', 'lxml', 'trafilatura') if m in sys.modules))\n"
    )
    assert _printed_by_fresh_python(code) == "[]"
