#!/usr/bin/env python3
"""Load check of the public questionnaire's answers (issue 31, decision 0058): 16 connections POSTing valid sheets vs /healthz.

Starts the portal (Release, Development for the demo data) on a throwaway SQLite database (or a PostgreSQL database named by
--postgres), opens the example survey (SX-2021-SAT) for 闻喜县 by two rows written straight into the database (round and
public door; the admin's page and command are part A's), reads one start stamp from /public/survey/{token}/start, then runs
wrk (-t1 -c16, --latency, 5 s warm-up, then the measured run) against /healthz, the answer POST and the questionnaire GET,
alternately, ROUNDS times each; the server is pinned to core 0 and wrk to core 1 when taskset is there.
Every POST is a whole valid sheet from its own device (a distinct device cookie) and its own address (a distinct
X-Forwarded-For, the loopback proxy being named in Security:ForwardedHeaders:KnownProxies), with the stamp: so each is stored
and tallied in full, as a real answer is. Settings for the benchmark, said here and in docs/performance.md:
Survey:MinimumSeconds=0 (the stamp is a second old), Survey:RateLimit:AnswersPerMinute and Public:RateLimit:PagesPerMinute
raised (one client would otherwise get 429 at once); Survey:AnswersPerAddressPerDay stays at its default (200).
At the end it checks the database: sheets stored = 302s answered, none suspect, the counted-sheet tally = the sheets.
--no-server-cache turns the rendered-page cache off (Public:ServerCacheSeconds=0) to measure the questionnaire rendered each time.
Usage: scripts/survey-load.py [--seconds 10] [--rounds 3] [--no-server-cache] [--postgres <Npgsql connection string>]
"""
import os, re, shutil, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = int(os.environ.get("EDUDUTY_LOAD_PORT", "5302"))
BASE = f"http://127.0.0.1:{PORT}"
TOKEN = "LoadTestToken000000000"  # 22 URL-safe characters, as the portal's tokens
SHEET = "q1=2&q2=1&q3=1&q4=2&q5=1&q6=3&q7=1&q8=2&q9=1&q10=6&q11=1&q11=4&q12=2&q13=&Website="

OPEN_ROUND = """
INSERT INTO "SurveyRounds" ("DefinitionId", "Year", "RegionId", "OpensOn", "ClosesOn", "FieldCodes", "CreatedAtUtc", "CreatedByName", "Version")
SELECT d."Id", 2021, r."Id", '2020-01-01', '2099-12-31', '', CURRENT_TIMESTAMP, 'load', 0
FROM "SurveyDefinitions" d, "Regions" r WHERE d."Code" = 'SX-2021-SAT' AND r."Code" = '140823';
INSERT INTO "SurveyLinks" ("RoundId", "Year", "CountyId", "Channel", "Token")
SELECT (SELECT MAX("Id") FROM "SurveyRounds"), 2021, r."Id", 1, '%s' FROM "Regions" r WHERE r."Code" = '140823';
""" % TOKEN

CHECK = """SELECT (SELECT COUNT(*) FROM "SurveyAnswers"), (SELECT COUNT(*) FROM "SurveyAnswers" WHERE "Suspect" <> 0),
  (SELECT COALESCE(SUM("Count"), 0) FROM "SurveyTallies" WHERE "Question" = 0 AND "Option" = 0)"""

LUA = """
counter = 0
request = function()
  counter = counter + 1
  local device = string.format("%%s%%012d", "%s", counter)
  local address = string.format("10.%%d.%%d.%%d", math.floor(counter / 65536) %% 256, math.floor(counter / 256) %% 256, counter %% 256)
  return wrk.format("POST", "/public/survey/%s", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "EduDuty.SurveyDevice=" .. device .. "; EduDuty.SurveyStart=%s",
    ["X-Forwarded-For"] = address }, "%s")
end
"""


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def pinned(core, command):
    return (["taskset", "-c", str(core)] + command) if shutil.which("taskset") else command


def wrk(url, seconds, script=None):
    command = ["wrk", "-t1", "-c16", f"-d{seconds}s", "--latency"] + (["-s", script] if script else []) + [url]
    out = subprocess.run(pinned(1, command), capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(errors.group(1)) if errors else 0, total


def pg_env(connection):
    parts = dict(p.split("=", 1) for p in connection.split(";") if "=" in p)
    keys = {k.lower(): v for k, v in parts.items()}
    return dict(os.environ, PGHOST=keys.get("host", "127.0.0.1"), PGPORT=keys.get("port", "5432"), PGDATABASE=keys.get("database", ""),
                PGUSER=keys.get("username", keys.get("user id", "")), PGPASSWORD=keys.get("password", ""))


def sql(script, postgres, database):
    if postgres:
        out = subprocess.run(["psql", "-v", "ON_ERROR_STOP=1", "-At", "-F", "|", "-c", script], env=pg_env(postgres), capture_output=True, text=True, check=True).stdout
        return [tuple(line.split("|")) for line in out.strip().splitlines()]
    with sqlite3.connect(database) as db:
        if ";" in script.strip().rstrip(";"):
            db.executescript(script)
            return []
        return db.execute(script).fetchall()


def main():
    seconds, rounds = int(arg("--seconds", "10")), int(arg("--rounds", "3"))
    postgres = arg("--postgres", None)
    work = tempfile.mkdtemp(prefix="eduduty-survey-load-")
    database = f"{work}/eduduty.db"
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", DOTNET_gcServer="0",
               ConnectionStrings__EduDuty=f"Data Source={database}",
               Public__RateLimit__PagesPerMinute="100000000", Survey__RateLimit__AnswersPerMinute="100000000",
               Survey__MinimumSeconds="0", Security__ForwardedHeaders__KnownProxies="127.0.0.1",
               Logging__LogLevel__Default="Warning")
    if postgres:
        env.update(Database__Provider="Postgres", ConnectionStrings__EduDuty=postgres)
    if "--no-server-cache" in sys.argv:
        env.update(Public__ServerCacheSeconds="0")
    subprocess.run(["dotnet", "build", "src/EduDuty.Web", "-c", "Release", "-v", "q", "-nologo"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(pinned(0, ["dotnet", os.path.join(ROOT, "src/EduDuty.Web/bin/Release/net10.0/EduDuty.Web.dll"), "--urls", BASE]),
                              cwd=os.path.join(ROOT, "src/EduDuty.Web"), env=env, stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{BASE}/healthz").read()
                break
            except OSError:
                time.sleep(0.5)
        sql(OPEN_ROUND, postgres, database)
        with urllib.request.urlopen(f"{BASE}/public/survey/{TOKEN}/start") as response:
            stamp = re.search(r"EduDuty\.SurveyStart=([^;]+)", " ".join(response.headers.get_all("Set-Cookie") or [])).group(1)
        with urllib.request.urlopen(f"{BASE}/public/survey/{TOKEN}") as response:
            size = len(response.read())
            if response.status != 200 or response.headers.get("Set-Cookie"):
                sys.exit(f"the questionnaire answered {response.status} (Set-Cookie: {response.headers.get('Set-Cookie')})")
        time.sleep(1)
        print(f"{'PostgreSQL' if postgres else 'SQLite'}; questionnaire {size:,} bytes; server cache {'off' if '--no-server-cache' in sys.argv else 'on'}; "
              f"{seconds} s per run after a 5 s warm-up, {rounds} rounds; load average before: {os.getloadavg()[0]:.2f}")
        scripts, posted = [], 0

        def answers(length):
            nonlocal posted
            script = os.path.join(work, f"answers{len(scripts)}.lua")
            with open(script, "w") as f:
                f.write(LUA % (f"r{len(scripts):03d}xxxxxx", TOKEN, stamp, SHEET))
            scripts.append(script)
            result = wrk(f"{BASE}/public/survey/{TOKEN}", length, script)
            posted += result[4] - result[3]
            return result

        runs = {"/healthz": lambda n: wrk(f"{BASE}/healthz", n), "POST answer": answers,
                "GET questionnaire": lambda n: wrk(f"{BASE}/public/survey/{TOKEN}", n)}
        results = {name: [] for name in runs}
        for run in runs.values():
            run(5)
        for _ in range(rounds):
            for name, run in runs.items():
                rps, p50, p99, errors, _ = run(seconds)
                results[name].append(rps)
                print(f"  {name:20} {rps:9,.0f} req/s  p50 {p50:>8}  p99 {p99:>8}  non-2xx/3xx {errors}")
        health, answer, page = (statistics.median(results[n]) for n in runs)
        print(f"median: /healthz {health:,.0f} req/s, answers {answer:,.0f} req/s = {answer / health:.0%} of /healthz "
              f"(goal ≥ 33%: {'met' if answer >= health / 3 else 'NOT met'}), questionnaire {page:,.0f} req/s = {page / health:.0%}; "
              f"load average after: {os.getloadavg()[0]:.2f}")
        stored, suspect, counted = (int(v) for v in sql(CHECK, postgres, database)[0])
        print(f"database: {stored:,} sheets stored ({posted:,} answered 3xx), {suspect} suspect, counted-sheet tally {counted:,} "
              f"({'consistent' if 0 <= stored - posted <= 16 * 4 * rounds and counted == stored - suspect else 'INCONSISTENT'}: the sheets still in flight when wrk stops are stored but not counted by it)")
    finally:
        server.terminate()
        server.wait()
        if "--keep" in sys.argv: print("server log:", os.path.join(work, "server.log"))
        else: shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
