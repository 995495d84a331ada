"""Capdev's layers, bottom to top: a module may import from its own layer and the layers below it, never above.

The one declaration of the layering docs/architecture.md draws; `capdev/core/tests/test_import_graph.py` reads
every module's imports (module- and function-level) and fails on one that goes uphill or closes a cycle between
apps. Within a layer, apps may import each other as long as no cycle forms.

No Django here: the test reads this module without setting Django up.
"""
from __future__ import annotations

# (layer, apps) from the bottom up; an app is the package right under `capdev`, or a module such as `cli`.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Plain Python, no Django: the narrative parser and the document readers; usable alone.
    ("plain", ("narrative", "sources")),
    # What every app builds on: base models, fields, filters, parameters, caching; the reference lists.
    ("base", ("core", "reference", "formats")),
    # The registry's domain: one app per area.
    ("domain", ("organisations", "accounts", "projects", "activities", "people", "assessments", "texts")),
    # What reads into the registry and what is built from it.
    ("exchange", ("importer", "imports", "iati")),
    # The pages and the API.
    ("interface", ("portal", "editor", "api", "reports")),
    # Wiring: settings, the URL root, the console command, the WSGI entry point, the test configuration.
    ("wiring", ("settings", "urls", "cli", "wsgi", "conftest")),
)

# An app's pages, API, admin pages and console commands (core's generic ones aside) are part of the interface
# layer: they serve the app's models through the portal's page parts, the API's permissions and renderers and the
# importer's loader. An app's URLs wire its pages and the API's router wires every app's API: they are part of the
# wiring. Matched against the module's name below its app (`capdev.projects.api.views` -> `api`).
INTERFACE_MODULES: tuple[str, ...] = ("api", "views", "admin", "management")
WIRING_MODULES: tuple[str, ...] = ("urls",)

# Modules placed in another layer than their app's, with the reason. Only plain Python may move down.
MODULE_LAYERS: dict[str, str] = {
    # How alike two project texts are: plain Python, one definition that the parser's near-duplicate links and
    # the projects' similar-projects index both use.
    "capdev.core.similarity": "plain",
    # A page (the staff-only download of an imported original), kept out of projects.views for that module's size.
    "capdev.projects.source_download": "interface",
}

LAYER_NAMES = tuple(name for name, _ in LAYERS)
_APP_LAYER = {app: name for name, apps in LAYERS for app in apps}


def rank(layer: str) -> int:
    return LAYER_NAMES.index(layer)


def app_of(module: str) -> str:
    """`capdev.projects.views` -> `projects`; `capdev` itself -> `capdev`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_of(module: str) -> str:
    """The layer a `capdev...` module sits in (KeyError for an app no layer declares: declare it)."""
    for placed, layer in MODULE_LAYERS.items():
        if module == placed or module.startswith(placed + "."):
            return layer
    app_layer = _APP_LAYER[app_of(module)]
    within = module.split(".")[2:3]
    if within and within[0] in WIRING_MODULES:
        return "wiring"
    if within and within[0] in INTERFACE_MODULES and app_of(module) != "core" and rank(app_layer) < rank("interface"):
        return "interface"
    return app_layer


def part_of(module: str) -> str:
    """The part of an app a module belongs to: the app, or `app[layer]` for its modules placed elsewhere.

    The cycle check runs over these parts: an app's pages may use another app's pages that use its models.
    """
    app, layer = app_of(module), layer_of(module)
    return app if layer == _APP_LAYER.get(app) else f"{app}[{layer}]"


