"""People reached for a generated portfolio: `capdev generate-portfolio ... --people P --attendances A`.

Adds P people and A attendances (published) to the activities that reach people of the generated projects of a
seed, deterministically (the same portfolio, P, A and seed give the same people and lists), in bulk only (one
statement per table and batch: COPY on PostgreSQL, executemany on SQLite; no change history), memory bounded
by the batch and by a few numpy arrays over the activities and people.

Distributions: institutions per country (ministries, agencies, a parliament, local governments, a university,
civil society, an international body) in proportion to the activities held there; people of the countries
where activities are held (online ones draw from everywhere), sex female 49 %, male 48 %, another 0.5 %,
not stated 2.5 %; seniority political 4 %, senior 26 %, mid 35 %, technical 30 %, not stated 5 %; each
activity's list as long as its recorded participants, scaled so that the total is A, drawn from its country's
people (so people come back to several events); roles participant 92 %, speaker 3 %, facilitator 2 %,
trainer 2 % (linked back to a training of trainers they attended, where there is one), organiser 1 %.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass

import numpy as np
from django.db import connections, transaction

from capdev.activities.models import Activity
from capdev.core.bulk import RowWriter
from capdev.projects import index_version

from .models import Attendance, Institution, Person, name_key
from .sheets.normalise import fold

GIVEN_F = ["Ana", "Maria", "Keisha", "Aisha", "Fatou", "Nadia", "Sofia", "Grace", "Amina", "Leila", "Rosa", "Marie",
           "Claudia", "Shanelle", "Priya", "Mei", "Olga", "Zainab", "Lucia", "Teresa", "Joy", "Esther", "Hana", "Ines"]
GIVEN_M = ["John", "Carlos", "Devon", "Kofi", "Ahmed", "Jean", "Pedro", "Anil", "Tomas", "Kwame", "Omar", "Luis",
           "Marcus", "Peter", "Ravi", "Chen", "Ivan", "Samuel", "Diego", "Ali", "Kenji", "Paul", "Musa", "Felix"]
FAMILY = ["Pierre", "Joseph", "Charles", "Perez", "Gomez", "Diallo", "Mensah", "Haddad", "Nguyen", "Singh", "Rolle",
          "Greaves", "Persad", "Dupont", "Louis", "Kamara", "Okafor", "Silva", "Santos", "Mendez", "Fernandez",
          "Baptiste", "Auguste", "Felix", "Emmanuel", "Alexander", "Mohammed", "Traore", "Ndiaye", "Rahman"]
INSTITUTIONS = [("Ministry of Finance", "ministry"), ("Ministry of Public Service", "ministry"),
                ("Ministry of Planning", "ministry"), ("Ministry of Digital Transformation", "ministry"),
                ("Office of the Prime Minister", "ministry"), ("National Statistics Office", "agency"),
                ("Public Procurement Authority", "agency"), ("E-Government Agency", "agency"),
                ("National Assembly", "parliament"), ("Capital City Council", "local_government"),
                ("District Council", "local_government"), ("National University", "academia"),
                ("Civil Society Network", "civil_society"), ("Chamber of Commerce", "private"),
                ("Regional Development Commission", "international")]
POSITIONS = {"political": ["Minister", "Member of Parliament", "Mayor"],
             "senior": ["Permanent Secretary", "Director General", "Director", "Head of Department"],
             "mid": ["Programme Manager", "Coordinator", "Team Leader"],
             "technical": ["Policy Analyst", "ICT Officer", "Statistician", "Programme Officer", "Economist"],
             "not_stated": [""]}
SEX = (["female", "male", "another", "not_stated"], [49, 48, 0.5, 2.5])
LEVELS = (["political", "senior", "mid", "technical", "not_stated"], [4, 26, 35, 30, 5])
ROLES = (["participant", "speaker", "facilitator", "trainer", "organiser"], [92, 3, 2, 2, 1])
BATCH = 20000


@dataclass
class PeopleProgress:
    """What was written."""

    people: int = 0
    institutions: int = 0
    attendances: int = 0
    seconds: float = 0.0


def _activities(prefix: str, using: str):
    """The generated activities that reach people: ids, countries, types, start and length, participants."""
    rows = list(Activity.objects.using(using).filter(project__code__startswith=prefix, participants__isnull=False)
                .order_by("pk").values_list("pk", "uid", "country_id", "type", "start_date", "end_date",
                                            "participants", "project_id", "recalled"))
    return rows


def _next_id(model, using: str) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {model._meta.db_table}")
        return (cursor.fetchone()[0] or 0) + 1


def generate_people(people: int, attendances: int, seed: int, *, using: str = "default",
                    progress=None) -> PeopleProgress:
    """Write `people` people and about `attendances` attendances for the portfolio of `seed` (see the module)."""
    began = time.perf_counter()
    done = PeopleProgress()
    prefix = f"SYN{seed}-"
    activities = _activities(prefix, using)
    if not activities or people <= 0:
        return done
    if Person.objects.using(using).filter(email__endswith=f".s{seed}@people.example").exists():
        raise ValueError(f"people of seed {seed} already exist: use a fresh database or another seed")
    rng = random.Random(f"people-{seed}")
    writer = RowWriter(using)
    countries = sorted({a[2] for a in activities if a[2]})
    weight = {c: 0 for c in countries}
    for a in activities:
        if a[2]:
            weight[a[2]] += a[6]
    # Institutions: the list above in every country where people are reached.
    first_inst = _next_id(Institution, using)
    inst_rows, inst_of_country = [], {}
    for c in countries:
        ids = []
        for name, kind in INSTITUTIONS:
            pk = first_inst + len(inst_rows)
            inst_rows.append({"id": pk, "name": name, "key": fold(name), "type": kind, "country_id": c})
            ids.append((pk, kind))
        inst_of_country[c] = ids
    with transaction.atomic(using=using):
        writer.write(Institution, inst_rows)
    done.institutions = len(inst_rows)
    # People: spread over the countries as the participants are.
    total = sum(weight.values()) or 1
    first_person = _next_id(Person, using)
    quota = {c: max(1, round(people * weight[c] / total)) for c in countries}
    order = [c for c in countries for _ in range(quota[c])][:people]
    while len(order) < people:
        order.append(rng.choice(countries))
    rows = []
    pool_lists: dict[str, list[int]] = {c: [] for c in countries}
    for i, country in enumerate(order):
        sex = rng.choices(*SEX)[0]
        level = rng.choices(*LEVELS)[0]
        given = rng.choice(GIVEN_F if sex == "female" else GIVEN_M if sex == "male" else GIVEN_F + GIVEN_M)
        family = rng.choice(FAMILY)
        inst_pk, _kind = rng.choice(inst_of_country[country])
        name = f"{given} {family}"
        pk = first_person + i
        pool_lists[country].append(pk)
        rows.append({"id": pk, "name": name, "name_key": name_key(name), "sex": sex, "institution_id": inst_pk,
                     "position": rng.choice(POSITIONS[level]), "seniority": level, "country_id": country,
                     "email": f"{fold(given)}.{fold(family)}.{pk}.s{seed}@people.example".replace(" ", "")})
        if len(rows) >= BATCH:
            with transaction.atomic(using=using):
                writer.write(Person, rows)
            done.people += len(rows)
            rows = []
            if progress:
                progress(done)
    if rows:
        with transaction.atomic(using=using):
            writer.write(Person, rows)
        done.people += len(rows)
    pool = {c: np.array(ids, dtype=np.int64) for c, ids in pool_lists.items()}
    everyone = np.arange(first_person, first_person + people, dtype=np.int64)
    # Attendance: each list as long as its participants, scaled to the total asked for.
    scale = attendances / max(1, sum(a[6] for a in activities))
    np_rng = np.random.default_rng(seed)
    trained: dict[int, int] = {}  # person -> their attendance at a training of trainers (for trainers' links)
    first_att = _next_id(Attendance, using)
    rows = []
    next_att = first_att
    owed = 0.0  # attendances a list could not hold (its country has fewer people): the next lists take them
    for pk, uid, country, kind, start, end, participants, project, recalled in activities:
        wanted = participants * scale + owed
        size = int(wanted + np_rng.random())
        if size <= 0:
            owed = wanted
            continue
        source = pool.get(country) if country else everyone
        if source is None or len(source) == 0:
            source = everyone
        size = min(size, len(source), 2 * int(participants * scale + 1) + 1)
        owed = max(0.0, wanted - size)
        chosen = np_rng.choice(source, size=size, replace=False) if size < len(source) else source
        days = (end - start).days + 1 if start and end and 0 <= (end - start).days < 10 else 1
        for person in chosen.tolist():
            role = rng.choices(*ROLES)[0]
            row = {"id": next_att, "person_id": person, "activity_id": pk, "activity_uid": uid, "role": role,
                   "project_id": project, "public": not recalled,  # generated projects are published
                   "days": days, "certificate": kind in ("workshop", "training_of_trainers") and rng.random() < 0.4,
                   "state": "published"}
            if kind == "training_of_trainers" and role == "participant":
                trained.setdefault(person, next_att)
            elif role == "trainer" and person in trained:
                row["trained_at_id"] = trained[person]
            rows.append(row)
            next_att += 1
        if len(rows) >= BATCH:
            with transaction.atomic(using=using):
                writer.write(Attendance, rows)
            done.attendances += len(rows)
            rows = []
            done.seconds = time.perf_counter() - began
            if progress:
                progress(done)
    if rows:
        with transaction.atomic(using=using):
            writer.write(Attendance, rows)
        done.attendances += len(rows)
    _reset_sequences(using)
    index_version.bump(using)
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
    done.seconds = time.perf_counter() - began
    return done


def _reset_sequences(using: str) -> None:
    from django.core.management.color import no_style

    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), [Institution, Person, Attendance])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
