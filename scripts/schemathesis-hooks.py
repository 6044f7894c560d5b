"""Schemathesis hooks for scripts/schemathesis.sh: real ids next to generated ones.

Random kebab-case ids almost always answer 404, so the 200 answers (whose bodies the schema checks are
about) would hardly be tested. These hooks read the ids the live API knows (alliances, companies, brands,
plans, sources, named queries, ...) from SCHEMATHESIS_API_BASE when loaded, and let Hypothesis choose,
for each id-like parameter, between the generated value and a real one. Likewise valid paging cursors,
real search words, realistic bodies for POST /v1/queries/{name} (built from each query's typed header) and
a set of read-only Cypher queries for POST /v1/cypher that return nodes, relationships, paths, temporals,
big integers and truncated results. Everything generated stays in play: a real value is one more choice.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.request
from typing import Any

import schemathesis
from hypothesis import strategies as st

BASE = os.environ.get("SCHEMATHESIS_API_BASE", "").rstrip("/")


def _get(path: str) -> Any:
    with urllib.request.urlopen(BASE + path, timeout=10) as response:  # noqa: S310 (127.0.0.1 only)
        return json.loads(response.read())


def _ids(path: str) -> list[str]:
    try:
        return sorted({item["id"] for item in _get(path)["items"]})
    except Exception:  # the API answers with what it has; a missing list only means fewer real values
        return []


if BASE:
    if not BASE.startswith("http://127.0.0.1:"):
        raise RuntimeError(f"SCHEMATHESIS_API_BASE must be http://127.0.0.1:<port>, got {BASE}")
    ALLIANCES = _ids("/v1/alliances?limit=500&asOf=2022-02-08") or ["renault-nissan-mitsubishi-alliance"]
    COMPANIES = sorted(set(_ids("/v1/companies?limit=500") + _ids("/v1/companies?limit=500&asOf=2022-02-08") + _ids("/v1/companies?limit=500&asOf=2010-01-01")))
    BRANDS = sorted(set(_ids("/v1/brands?limit=500") + _ids("/v1/brands?limit=500&asOf=2010-01-01")))
    PLANS = _ids("/v1/plans?limit=500")
    PLATFORMS = _ids("/v1/platforms?limit=500")
    TECHNOLOGIES = _ids("/v1/technologies?limit=500")
    SOURCES = _ids("/v1/sources?limit=500")
    try:
        QUERIES = _get("/v1/queries")["items"]
    except Exception:
        QUERIES = []
else:
    ALLIANCES = COMPANIES = BRANDS = PLANS = PLATFORMS = TECHNOLOGIES = SOURCES = []
    QUERIES = []

ENTITIES = sorted(set(ALLIANCES + COMPANIES + BRANDS + PLANS + PLATFORMS + TECHNOLOGIES))
READ_QUERIES = [q for q in QUERIES if q.get("mode") != "write"]
WORDS = sorted({w for e in ENTITIES for w in e.split("-") if len(w) > 1}) or ["renault"]

# No lambdas here: Hypothesis describes a lambda by parsing its source, and CPython 3.11 can fail doing
# that from several threads at once ("AST constructor recursion depth mismatch").


def _iso(day) -> str:
    return day.isoformat()


def _merge(base: dict, key: str | None = None):
    """A function adding one value (under key) or a dict of values to a copy of base."""

    def merged(update):
        return {**base, key: update} if key is not None else {**base, **update}

    return merged


DATES = st.dates().map(_iso)
INTERESTING_DATES = st.sampled_from(["1999-03-27", "2002-03-01", "2014-06-27", "2016-10-20", "2022-02-08", "2023-11-08", "2024-11-08", "2025-03-31"])

PATH_IDS = {
    "/v1/alliances/{id}": ALLIANCES,
    "/v1/alliances/{id}/members": ALLIANCES,
    "/v1/alliances/{id}/brands": ALLIANCES,
    "/v1/companies/{id}": COMPANIES,
    "/v1/companies/{id}/brands": COMPANIES,
    "/v1/brands/{id}": BRANDS,
    "/v1/plans/{id}": PLANS,
    "/v1/sources/{id}": SOURCES,
    "/v1/queries/{name}": [q["name"] for q in QUERIES],
}

QUERY_IDS = {
    "holder": COMPANIES,
    "company": COMPANIES,
    "root": ENTITIES,
    "from": ENTITIES,
    "to": ENTITIES,
    "owner": COMPANIES,
    "alliance": ALLIANCES,
    "subject": sorted(set(PLANS + ALLIANCES + PLATFORMS + TECHNOLOGIES)),
}

CYPHER = [
    "MATCH (c:Company)-[m:MEMBER_OF]->(a:Alliance) RETURN c, m, a ORDER BY c.id",
    "MATCH p = (:Company {id: 'renault'})-[:HOLDS_STAKE*1..3]->(x) RETURN p, x LIMIT 25",
    "MATCH (a)-[r]->(b) RETURN a.id AS from, type(r) AS type, r, b.id AS to LIMIT 200",
    "MATCH (n) RETURN n LIMIT 20000",
    "MATCH (n) RETURN labels(n) AS labels, count(*) AS count ORDER BY count DESC",
    "RETURN date('2022-02-08') AS d, datetime('2022-02-08T10:00:00Z') AS dt, localdatetime('2022-02-08T10:00') AS ldt, "
    "time('10:00:00+01:00') AS t, localtime('10:00') AS lt, duration('P1Y2M3DT4H') AS du, 9007199254740993 AS big, "
    "-9223372036854775808 AS min, 1.5 AS f, null AS nothing, [1, 'a', true, null] AS list, {a: 1, b: [date('2020-01-01')]} AS map, "
    "point({x: 1.5, y: 2}) AS p2, point({longitude: 2.35, latitude: 48.85}) AS geo, 'ü\\u0000' AS s",
    "UNWIND range(1, 3) AS i RETURN i, toString(i) AS s, i * 0.5 AS half",
    "CALL db.labels() YIELD label RETURN label ORDER BY label",
    "CALL db.schema.visualization()",
    "CALL db.index.fulltext.queryNodes('entity_names', 'renault') YIELD node, score RETURN node.id AS id, score LIMIT 5",
    "MATCH (s:Source) RETURN s.id AS id, s.publishedOn AS published ORDER BY published LIMIT 50",
    "MATCH (b:Brand) WHERE b.name STARTS WITH $prefix RETURN b.name AS name",
    "RETURN $value AS value",
]


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}, separators=(",", ":")).encode()).decode().rstrip("=")


def _path(context) -> str:
    return context.operation.path if context.operation is not None else ""


def _method(context) -> str:
    return context.operation.method.upper() if context.operation is not None else ""


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    known = PATH_IDS.get(_path(context))
    if not known or not isinstance(path_parameters, dict):
        return st.just(path_parameters)
    name = "name" if "name" in path_parameters else "id"
    if _path(context) == "/v1/queries/{name}" and _method(context) == "POST":
        known = [q["name"] for q in READ_QUERIES] or known
    return st.one_of(st.just(path_parameters), st.sampled_from(known).map(_merge(path_parameters, name)))


@schemathesis.hook
def flatmap_query(context, query):
    if not isinstance(query, dict):
        return st.just(query)
    replacements: dict[str, st.SearchStrategy] = {}
    for key, known in QUERY_IDS.items():
        if key in query and known:
            replacements[key] = st.sampled_from(known)
    if "cursor" in query:
        replacements["cursor"] = st.integers(min_value=0, max_value=600).map(_cursor)
    if "q" in query:
        replacements["q"] = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
    if "asOf" in query:
        replacements["asOf"] = st.one_of(INTERESTING_DATES, DATES)
    if not replacements:
        return st.just(query)
    real = st.fixed_dictionaries({}, optional=replacements).map(_merge(query))
    return st.one_of(st.just(query), real)


def _param_value(param: dict) -> st.SearchStrategy:
    kind = param.get("type", "")
    name = param.get("name", "")
    if kind == "date":
        return st.one_of(INTERESTING_DATES, DATES)
    if kind == "integer":
        return st.integers(min_value=0, max_value=600)
    if kind.endswith("[]"):
        return st.lists(st.sampled_from(ENTITIES or ["renault"]), max_size=5)
    if name == "source":
        return st.sampled_from(SOURCES or ["autotrendy-2022-02-08"])
    if name == "alliance":
        return st.sampled_from(ALLIANCES or ["renault-nissan-mitsubishi-alliance"])
    if name in ("from", "to"):
        return st.sampled_from(BRANDS or ENTITIES or ["dacia"])
    if name == "direction":
        return st.sampled_from(["up", "down", "both"])
    if name == "query":
        return st.sampled_from(WORDS)
    return st.sampled_from(ENTITIES or ["renault"])


@schemathesis.hook
def flatmap_case(context, case):
    """Realistic bodies for the two POST operations, next to the generated ones."""
    path, method = _path(context), _method(context)
    if method != "POST":
        return st.just(case)
    if path == "/v1/cypher":
        params = st.fixed_dictionaries({}, optional={"prefix": st.sampled_from(["R", "D", "N", ""]), "value": st.one_of(st.integers(), st.text(max_size=20), st.none())})
        body = st.fixed_dictionaries({"query": st.sampled_from(CYPHER), "params": params, "profile": st.booleans()})
    elif path == "/v1/queries/{name}" and READ_QUERIES:
        def for_query(q: dict) -> st.SearchStrategy:
            required = {p["name"]: _param_value(p) for p in q.get("parameters") or [] if not p.get("optional")}
            optional = {p["name"]: st.one_of(st.none(), _param_value(p)) for p in q.get("parameters") or [] if p.get("optional")}
            return st.tuples(st.just(q["name"]), st.fixed_dictionaries({"params": st.fixed_dictionaries(required, optional=optional)}))

        pairs = st.sampled_from(READ_QUERIES).flatmap(for_query)

        def apply(pair):
            name, body = pair
            real = case.derive()
            real.path_parameters = {**(case.path_parameters or {}), "name": name}
            real.body = body
            return real

        return st.one_of(st.just(case), pairs.map(apply))
    else:
        return st.just(case)

    def set_body(b):
        real = case.derive()
        real.body = b
        return real

    return st.one_of(st.just(case), body.map(set_body))
