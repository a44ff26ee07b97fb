#!/usr/bin/env python3
"""Turns one bench/compare.sh run directory into the Markdown report (stdout): one table with Aikagi
(H2, PostgreSQL) and Keycloak side by side, the ratios and the issue's targets, then the per-level
tables and the scale check."""
import csv
import json
import os
import re
import sys

run = sys.argv[1]


def path(*p):
    return os.path.join(run, *p)


def read(*p):
    f = path(*p)
    return open(f).read() if os.path.exists(f) else ""


def facts(name):
    out = {}
    for line in read(name).splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = parts[1]
    return out


def kv(*p):
    out = {}
    for line in read(*p).splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip()] = v.strip().split()[0] if v.strip() else ""
    return out


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def tsv(*p):
    f = path(*p)
    if not os.path.exists(f):
        return []
    with open(f) as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def fmt(v, digits=1):
    return "-" if v is None else f"{v:.{digits}f}"


def ratio(a, b):
    return None if a is None or b in (None, 0) else a / b


# ---------------------------------------------------------------- inputs
# The best of the capacity runs: other processes on the two cores can only lower it.
argon2_runs = [(float(h), o) for h, o in re.findall(r"([0-9.]+) hashes/s.*?(?:used ([0-9]+) %|$)", read("argon2.txt"), re.M)]
argon2 = max(h for h, _ in argon2_runs) if argon2_runs else None
hash_ms = 2000.0 / argon2 if argon2 else None  # CPU-ms of one hash: 2 threads kept busy

rows = tsv("bench.tsv")


def kc_rows_of(d):
    return [r for r in tsv(d, "bench.tsv") if r.get("exchange", "false") == "false"]


def kc_params_of(d):
    try:
        for c in json.loads(read(d, "bench-user-credentials.json") or "[]"):
            if c.get("type") == "password":
                cd = json.loads(c["credentialData"])
                a = cd.get("additionalParameters", {})
                return "%s m=%s t=%s p=%s" % (cd.get("algorithm"), a.get("memory", ["?"])[0], cd.get("hashIterations"),
                                              a.get("parallelism", ["?"])[0])
    except (ValueError, KeyError):
        pass
    return "-"


kc_rows = kc_rows_of("keycloak")
kc_params = kc_params_of("keycloak")
kcd_params = kc_params_of("keycloak-default")


def aikagi(label):
    lv = [r for r in rows if r["label"] == "aikagi-" + label and r["scenario"] == "totp"]
    if not lv:
        return None
    f = facts(label + ".facts")
    sat = max(lv, key=lambda r: float(r["logins_per_s"]))
    by_n = {int(r["concurrency"]): r for r in lv}
    backup = [r for r in rows if r["label"] == "aikagi-" + label and r["scenario"] == "backup"]
    n16 = by_n.get(16, sat)
    return {
        "sat": num(sat["logins_per_s"]), "sat_n": sat["concurrency"], "other": num(sat["other_cpu_pct"]),
        "cpu": num(sat["server_cpu_ms_per_login"]),
        "hash": num(sat.get("hash_cpu_ms_per_login")), "beyond": num(sat.get("beyond_hash_cpu_ms_per_login")),
        "jit": num(sat.get("jit_cpu_ms_per_login")), "gc": num(sat.get("gc_cpu_ms_per_login")),
        "steps16": n16,
        "gen": num(sat["generator_cpu_ms_per_login"]),
        "p50_1": num(by_n[1]["p50_ms"]) if 1 in by_n else None,
        "p99_1": num(by_n[1]["p99_ms"]) if 1 in by_n else None,
        "p50_4": num(by_n[4]["p50_ms"]) if 4 in by_n else None,
        "p99_4": num(by_n[4]["p99_ms"]) if 4 in by_n else None,
        "rss_idle": num(f.get("rss_idle_mb")), "rss_load": max(num(r["server_rss_max_mb"]) or 0 for r in lv),
        "rss_peak": num(f.get("rss_peak_mb")),
        "ready": num(f.get("ready_s")), "restart": num(f.get("restart_ready_s")),
        "errors": sum(int(r["errors"]) for r in lv + backup),
        "backup": backup, "seed": num(f.get("seed_s")),
    }


def keycloak(d="keycloak"):
    kc_rows = kc_rows_of(d)
    kc_first = kv(d, "startup-first.txt")
    kc_restart = kv(d, "startup-restart.txt")
    if not kc_rows:
        return None
    sat = max(kc_rows, key=lambda r: float(r["logins_s"]))
    by_n = {int(r["conc"]): r for r in kc_rows}
    return {
        "sat": num(sat["logins_s"]), "sat_n": sat["conc"], "cpu": num(sat["kc_cpu_ms_login"]),
        "hash": None, "beyond": None, "jit": None, "gc": None, "steps16": None,
        "other": num(sat["other_cpu_pct"]),
        "gen": num(sat["gen_cpu_ms_login"]),
        "p50_1": num(by_n[1]["p50_ms"]) if 1 in by_n else None,
        "p99_1": num(by_n[1]["p99_ms"]) if 1 in by_n else None,
        "p50_4": num(by_n[4]["p50_ms"]) if 4 in by_n else None,
        "p99_4": num(by_n[4]["p99_ms"]) if 4 in by_n else None,
        "rss_idle": num(kc_first.get("rss_mb_idle_10s_after_ready")),
        "rss_load": max(num(r["kc_rss_mb_max"]) or 0 for r in kc_rows),
        "rss_peak": None,
        "ready": num(kc_first.get("launch_to_ready_s")), "restart": num(kc_restart.get("launch_to_ready_s")),
        "errors": sum(int(r["errors"]) for r in kc_rows), "backup": [], "seed": None,
    }


systems = [("Aikagi H2", aikagi("h2")), ("Aikagi PostgreSQL", aikagi("postgres")),
           ("Keycloak, equal cost", keycloak()), ("Keycloak, its default cost", keycloak("keycloak-default"))]
present = [(n, s) for n, s in systems if s]
peers = [(n, s) for n, s in systems[2:] if s]
kc = peers[0][1] if peers else None

# ---------------------------------------------------------------- report
print("# Login benchmark: Aikagi and Keycloak side by side\n")
print("Written by `bench/compare.sh` from run directory `%s`.\n" % os.path.basename(run.rstrip("/")))
print("```\n%s```\n" % read("machine.txt"))
if argon2:
    print("Machine's pure Argon2id capacity (Aikagi's `PasswordHasher`, 2 threads): **%.1f hashes/s**, "
          "i.e. %.1f CPU-ms per hash (best of %d: %s).\n" % (argon2, hash_ms, len(argon2_runs), ", ".join(
              "%.1f/s%s" % (h, " with others at %s %% of a core" % o if o else "") for h, o in argon2_runs)))
if kc:
    print("Keycloak's stored password credential (checked, not assumed): equal cost `%s`; default cost `%s`.\n"
          % (kc_params, kcd_params))


def step(s, name, q):
    r = s.get("steps16") if s else None
    return num(r.get("%s_%s_ms" % (q, name))) if r else None

metrics = [
    ("logins/s at saturation (N)", lambda s: "%s (N=%s)" % (fmt(s["sat"]), s["sat_n"]), lambda s: s["sat"], "≥ 2× Keycloak"),
    ("other processes' CPU at that level, % of a core", lambda s: fmt(s["other"], 0), lambda s: None, "(noise)"),
    ("% of Argon2id capacity", lambda s: fmt(100 * s["sat"] / argon2, 0) + " %" if argon2 else "-",
     lambda s: s["sat"] / argon2 if argon2 else None, "≥ 90 %"),
    ("server CPU-ms per login (at saturation)", lambda s: fmt(s["cpu"]), lambda s: s["cpu"], ""),
    ("… of it on the hash workers (measured per thread)", lambda s: fmt(s["hash"]), lambda s: None, ""),
    ("… beyond the hash (all other threads; measured)", lambda s: fmt(s["beyond"]), lambda s: None, "≤ 3 ms"),
    ("… … of which JIT compiler / GC threads", lambda s: "%s / %s" % (fmt(s["jit"]), fmt(s["gc"])) if s["beyond"] else "-",
     lambda s: None, ""),
    ("… minus one hash as the capacity run costs it", lambda s: fmt(s["cpu"] - hash_ms) if s["cpu"] and hash_ms else "-",
     lambda s: s["cpu"] - hash_ms if s["cpu"] and hash_ms else None, ""),
    ("TOTP step (POST code) p50 / p99 ms at N=16", lambda s: "%s / %s" % (fmt(step(s, "post_code", "p50")),
     fmt(step(s, "post_code", "p99"))) if s["steps16"] else "-", lambda s: None, "p50 ≤ 10 ms"),
    ("generator CPU-ms per login", lambda s: fmt(s["gen"]), lambda s: s["gen"], ""),
    ("p50 / p99 ms at N=1", lambda s: "%s / %s" % (fmt(s["p50_1"]), fmt(s["p99_1"])), lambda s: s["p99_1"], ""),
    ("p50 / p99 ms at N=4", lambda s: "%s / %s" % (fmt(s["p50_4"]), fmt(s["p99_4"])), lambda s: s["p99_4"], "p99 ≤ ½ Keycloak's"),
    ("RSS MB idle (10 s after ready)", lambda s: fmt(s["rss_idle"], 0), lambda s: s["rss_idle"], ""),
    ("RSS MB under load (max sampled)", lambda s: fmt(s["rss_load"], 0), lambda s: s["rss_load"], "≤ 280 MB"),
    ("RSS MB peak (VmHWM)", lambda s: fmt(s["rss_peak"], 0), lambda s: s["rss_peak"], ""),
    ("start-up to ready s (first / restart)", lambda s: "%s / %s" % (fmt(s["ready"]), fmt(s["restart"])),
     lambda s: s["restart"], "≤ 3 s (H2) / ≤ 4 s (PostgreSQL)"),
    ("failed logins", lambda s: str(s["errors"]), lambda s: s["errors"], "0"),
]
ours = [(n, s) for n, s in present if (n, s) not in peers]
head = "| | " + " | ".join(n for n, _ in present)
head += "".join(" | %s ÷ %s" % (n, pn) for pn, _ in peers for n, _ in ours)
head += " | target |"
print(head)
print("|" + "---|" * (head.count("|") - 1))
for name, show, value, target in metrics:
    line = "| %s | " % name + " | ".join(show(s) for _, s in present)
    for _, p in peers:
        for _, s in ours:
            r = ratio(value(s), value(p)) if not name.startswith(("%", "failed", "other", "…", "TOTP")) else None
            line += " | " + (fmt(r, 2) + "×" if r is not None else "-")
    print(line + " | %s |" % target)
print()

print("## Per level: password + TOTP (and backup-code) logins\n")
print(read("levels.md"))
for kc_title, kc_dir in (("equal Argon2id cost", "keycloak"), ("its own default cost", "keycloak-default")):
    kc_rows = kc_rows_of(kc_dir)
    if not kc_rows:
        continue
    print("\nKeycloak at %s (peer script `KcBench`, same levels and durations), password + TOTP\n" % kc_title)
    print("| N | logins/s | p50 ms | p90 ms | p99 ms | max ms | errors | stalls | Keycloak CPU % of 1 core | "
          "Keycloak CPU ms/login | generator CPU % | generator CPU ms/login | other CPU % | RSS MB (max) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in kc_rows:
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) |" % (
            r["conc"], r["logins_s"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["max_ms"], r["errors"],
            r["pool_stalls"], r["kc_cpu_pct"], r["kc_cpu_ms_login"], r["gen_cpu_pct"], r["gen_cpu_ms_login"],
            r["other_cpu_pct"], r["kc_rss_mb_end"], r["kc_rss_mb_max"]))

steps = [r for r in rows if r["scenario"] == "totp"]
if steps:
    print("\np50 / p99 per step (ms), Aikagi: GET /login, POST /login (password), GET /login/challenge, POST code\n")
    print("| system | N | GET login | POST password | GET challenge | POST code |")
    print("|---|---|---|---|---|---|")
    for r in steps:
        print("| %s | %s | %s |" % (r["label"], r["concurrency"], " | ".join(
            "%s / %s" % (r["p50_%s_ms" % k], r.get("p99_%s_ms" % k, "-"))
            for k in ("get_login", "post_password", "get_challenge", "post_code"))))
    for kc_title, kc_dir in (("equal cost", "keycloak"), ("default cost", "keycloak-default")):
        kc_rows = kc_rows_of(kc_dir)
        if not kc_rows:
            continue
        print("\nKeycloak at %s per step (p50 ms): GET login page / POST password (answers with the OTP page) / "
              "POST TOTP: " % kc_title, end="")
        print("; ".join("N=%s %s / %s / %s" % (r["conc"], r["step_get_p50"], r["step_pw_p50"], r["step_totp_p50"])
                        for r in kc_rows))

two = tsv("twonode.tsv")
if two:
    print("\n## Two nodes on one PostgreSQL against one node, on the same machine\n")
    print("Node A alone, then nodes A and B (same data folder and keys; half the virtual users on each). "
          "CPU and RSS are summed over the nodes.\n")
    print("| nodes | N | logins/s | p50 ms | p99 ms | server CPU ms/login | beyond the hash | RSS MB (max) | errors |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in two:
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (r["label"], r["concurrency"], r["logins_per_s"],
              r["p50_ms"], r["p99_ms"], r["server_cpu_ms_per_login"], r.get("beyond_hash_cpu_ms_per_login", "-"),
              r["server_rss_max_mb"], r["errors"]))
    one = {r["concurrency"]: num(r["logins_per_s"]) for r in two if r["label"] == "one-node"}
    for r in two:
        if r["label"] == "two-nodes" and one.get(r["concurrency"]):
            print("\nN=%s: two nodes give %.2f× one node's logins/s." % (r["concurrency"], num(r["logins_per_s"]) / one[r["concurrency"]]))

scale = tsv("scale.tsv")
if scale:
    print("\n## Scale check: the same login load with few and with many accounts in PostgreSQL\n")
    print("| accounts | N | logins/s | p50 ms | p90 ms | p99 ms | server CPU ms/login | errors | stalls |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in scale:
        print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (r["label"].replace("scale-", ""), r["concurrency"],
              r["logins_per_s"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["server_cpu_ms_per_login"], r["errors"],
              r["pool_stalls"]))
    labels = sorted({r["label"] for r in scale}, key=lambda l: int(l.split("-")[1]))
    if len(labels) == 2:
        for n in sorted({r["concurrency"] for r in scale}):
            a = [r for r in scale if r["label"] == labels[0] and r["concurrency"] == n]
            b = [r for r in scale if r["label"] == labels[1] and r["concurrency"] == n]
            if a and b:
                print("\nN=%s: p50 with %s accounts is %.1f %% of the figure with %s (target: within ±10 %%)." % (
                    n, labels[1][6:], 100 * float(b[0]["p50_ms"]) / float(a[0]["p50_ms"]), labels[0][6:]))
    fill = read("scale-fill.txt")
    if fill:
        print("\nFilling:\n\n```\n%s```" % fill)

q = read("quiet.txt")
if q:
    print("\nOther processes' CPU before each phase (%% of one core):\n\n```\n%s```" % q)
